package io.membergraph.member;

import java.time.Instant;

import io.membergraph.shared.Channel;

/** A new member joined the programme. */
public record MemberRegistered(String memberId, Channel joinChannel, Instant joinedAt) {
}
