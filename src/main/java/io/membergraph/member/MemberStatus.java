package io.membergraph.member;

/** MERGED: a tombstone left by a merge; lookups are redirected to the member it was merged into. */
public enum MemberStatus {

	ACTIVE, SUSPENDED, CLOSED, MERGED

}
