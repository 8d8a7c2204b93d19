package io.membergraph.member;

public enum AttributeType {

	TEXT, NUMBER, BOOLEAN, DATE, CHOICE

}
