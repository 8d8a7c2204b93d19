package io.membergraph.member;

enum AttributeType {

	TEXT, NUMBER, BOOLEAN, DATE, CHOICE

}
