package io.membergraph.member;

import java.util.List;

/**
 * New members joined in bulk (an import): the programme welcomes them together. {@code batch} names the write, so
 * that welcoming it again after a crash finds what was done.
 */
public record MembersRegistered(String batch, List<MemberRegistered> members) {
}
