package io.membergraph.member;

public enum MemberStatus {

	ACTIVE, SUSPENDED, CLOSED

}
