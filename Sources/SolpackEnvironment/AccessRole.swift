/// The roles of the Power Automate credential sharing dialog, plus the owner.
public enum AccessRole: String, Sendable, Codable, CaseIterable, Comparable {
  case owner
  case coOwner = "co-owner"
  case userCanShare = "user-can-share"
  case user

  /// What a caller asks to do with a credential.
  public enum Operation: String, Sendable, CaseIterable {
    /// Reference it from a flow or connection (an import that uses it), see it listed.
    case use
    /// List who has access.
    case viewAccess = "view-access"
    case edit
    case share
    case unshare
    case delete
  }

  public var displayName: String {
    switch self {
    case .owner: "Owner"
    case .coOwner: "Co-owner"
    case .userCanShare: "User who can share"
    case .user: "User"
    }
  }

  /// Co-owner: everything the owner can. User who can share: use and share. User: use.
  public func allows(_ operation: Operation) -> Bool {
    switch self {
    case .owner, .coOwner: true
    case .userCanShare: [.use, .viewAccess, .share].contains(operation)
    case .user: operation == .use
    }
  }

  /// Which roles this role may hand out: a user who can share grants User or User
  /// who can share, never Co-owner; nobody grants Owner.
  public func canGrant(_ role: AccessRole) -> Bool {
    switch (self, role) {
    case (_, .owner): false
    case (.owner, _), (.coOwner, _): true
    case (.userCanShare, .user), (.userCanShare, .userCanShare): true
    default: false
    }
  }

  /// Higher roles first, for listings.
  public static func < (lhs: AccessRole, rhs: AccessRole) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}
