/** The web ledger's links (/ledger) and who may still open them. */

/** Revocations of ledger links (/ledger revoke): every link a person was given before an instant is void. */
export interface LedgerAccessStore {
  /** Links this person was given in this workspace before the instant returned are void; null when never revoked. */
  revokedBefore(workspaceId: number, userId: string): Promise<Date | null>;
  /** Voids every link given to this person in this workspace up to `at`. */
  revokeLinks(workspaceId: number, userId: string, at: Date): Promise<void>;
}

/** A personal link to the ledger. */
export interface LedgerLink {
  readonly url: string;
  readonly expiresAt: Date;
}

/**
 * Issues personal ledger links: implemented by the web adapter (signed tokens), given to the
 * commands through the app context, so a command never imports the web server.
 */
export interface LedgerLinks {
  /** Where people open the ledger (PUBLIC_URL, or the listener's own address). */
  readonly baseUrl: string;
  /** `path`: the page the link opens (a task, a unit, an evidence file); the overview by default. */
  issue(input: { guildId: string; userId: string; path?: string }): Promise<LedgerLink>;
}

/** A member of a guild as Discord says now: the roles and whether they may manage the server. */
export interface GuildMember {
  readonly roleIds: readonly string[];
  readonly isAdmin: boolean;
  /** The name a Discord client shows for them (nickname, global name or user name). */
  readonly displayName: string;
}

/**
 * Reads members fresh from Discord (REST), so a role taken away counts at the next request. Implemented
 * in src/discord; the ledger asks it on every page.
 */
export interface GuildMembers {
  /** The member now; null when the user is not (or no longer) a member of the guild. */
  readMember(guildId: string, userId: string): Promise<GuildMember | null>;
  /** Display names of users (report authors, actors); users no longer found are left out. */
  displayNames(guildId: string, userIds: readonly string[]): Promise<Map<string, string>>;
}
