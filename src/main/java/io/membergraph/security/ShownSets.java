package io.membergraph.security;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Where the sets shown to callers ({@link ShownGroups}) are kept beyond one instance's memory, so that neither a
 * restart nor another instance of the service answers a question set against one shown before. The sets of one kind
 * (previews, or one analysis's records) of one caller have a version: an instance remembers a set by saving it and then
 * moving the version on from the one it last read, which fails when another instance moved it first; it then reads
 * what that instance remembered and decides again. So two instances never both let through two answers that differ by a
 * few members, and an instance reads the others' sets only when the version moved past its own.
 */
public interface ShownSets {

	/**
	 * A remembered set as kept.
	 *
	 * @param key what a later set replaces it by: the question, or the set itself for sets without one
	 * @param seq the version its saving moved to
	 * @param forgetAt when it is forgotten: the store may drop it then, if no one asked to before
	 * @param spanOf what the records of the stretch of time below are of, or null without one
	 * @param spanFrom where the stretch of time its records fall in starts, or null when they may fall in any
	 * @param spanTo where that stretch ends, or null
	 */
	record Kept(String id, String key, String question, long seq, Instant at, Instant forgetAt, byte[] sketch,
			String spanOf, Instant spanFrom, Instant spanTo) {
	}

	/** The version of the caller's sets of the kind: 0 when none was ever remembered. */
	long version(String caller, String kind);

	/** The caller's sets of the kind saved for a version after {@code seq}, in the order of their versions. */
	List<Kept> after(String caller, String kind, long seq);

	/** Keeps a set before its version is claimed, so that whoever reads the new version finds it. */
	void save(String caller, String kind, Kept set);

	/** Keeps several sets, all for the same version (one answer's). */
	default void saveAll(String caller, String kind, List<Kept> sets) {
		sets.forEach(set -> save(caller, kind, set));
	}

	/** Moves the version from {@code expected} on by one; false when another instance moved it first. */
	boolean claim(String caller, String kind, long expected);

	/** Drops kept sets: forgotten, replaced, or saved for a version another instance claimed. */
	void forget(Collection<String> ids);

}
