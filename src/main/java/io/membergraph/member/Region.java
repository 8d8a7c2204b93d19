package io.membergraph.member;

public record Region(String province, String city) {
}
