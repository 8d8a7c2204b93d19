package io.membergraph.member;

public enum Gender {

	FEMALE, MALE, OTHER, UNKNOWN

}
