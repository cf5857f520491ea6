extension Array {
  /// Puts the element at `order[i]` at `i`, for every `i` (`order` a permutation of the
  /// indices), in place. Each cycle of the permutation is closed by swaps, which move
  /// elements without copying them: a copy of a record retains every string it holds.
  public mutating func permute(by order: [Int]) {
    precondition(order.count == count, "an order for each element")
    var source = order
    for start in source.indices where source[start] != start {
      var position = start
      while source[position] != start {
        let next = source[position]
        swapAt(position, next)
        source[position] = position
        position = next
      }
      source[position] = position
    }
  }
}
