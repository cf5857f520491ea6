import Foundation

/// MS-DOS date/time as stored in zip headers: local fields, 2-second resolution, years
/// 1980–2107. We always store UTC so the bytes do not depend on the machine's time zone.
enum DOSDateTime {
  /// 1980-01-01 00:00:00 UTC, the earliest DOS time and our default timestamp.
  static let epoch = Date(timeIntervalSince1970: 315_532_800)

  static func encode(_ date: Date) -> (time: UInt16, date: UInt16) {
    let latest: Int64 = 4_354_819_198  // 2107-12-31 23:59:58 UTC
    let seconds = min(max(Int64(date.timeIntervalSince1970.rounded(.down)), 315_532_800), latest)
    let days = seconds.quotientAndRemainder(dividingBy: 86_400)
    let (year, month, day) = civil(fromDays: days.quotient)
    let secondOfDay = Int(days.remainder)
    let time = (secondOfDay / 3600) << 11 | (secondOfDay / 60 % 60) << 5 | (secondOfDay % 60) / 2
    let dosDate = (year - 1980) << 9 | month << 5 | day
    return (UInt16(time), UInt16(dosDate))
  }

  /// The UTC instant a DOS date/time denotes, or nil when the fields are out of range.
  static func decode(time: UInt16, date: UInt16) -> Date? {
    let year = Int(date >> 9) + 1980, month = Int(date >> 5 & 0xF), day = Int(date & 0x1F)
    let hour = Int(time >> 11), minute = Int(time >> 5 & 0x3F), second = Int(time & 0x1F) * 2
    guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60
    else { return nil }
    let days = daysFromCivil(year: year, month: month, day: day)
    let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    return Date(timeIntervalSince1970: TimeInterval(seconds))
  }

  /// Howard Hinnant's `civil_from_days`: proleptic Gregorian date of a day since 1970.
  private static func civil(fromDays count: Int64) -> (Int, Int, Int) {
    let z = count + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shifted = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * shifted + 2) / 5 + 1
    let month = shifted < 10 ? shifted + 3 : shifted - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (Int(year), Int(month), Int(day))
  }

  /// Inverse of `civil(fromDays:)`.
  private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }
}
