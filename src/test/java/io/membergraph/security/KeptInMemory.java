package io.membergraph.security;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The kept sets of {@link ShownGroups} as a map: what several instances of the service share in MongoDB. */
final class KeptInMemory implements ShownSets {

	private final Map<String, Long> versions = new HashMap<>();

	private final Map<String, Kept> sets = new LinkedHashMap<>();

	private final Map<String, String> ownerOf = new HashMap<>();

	/** Runs once at the next claim, before it: another instance's write between a read and a claim. */
	private Runnable beforeNextClaim;

	void beforeNextClaim(Runnable write) {
		beforeNextClaim = write;
	}

	synchronized int size() {
		return sets.size();
	}

	@Override
	public synchronized long version(String caller, String kind) {
		return versions.getOrDefault(caller + "|" + kind, 0L);
	}

	@Override
	public synchronized List<Kept> after(String caller, String kind, long seq) {
		return sets.values()
			.stream()
			.filter(set -> ownerOf.get(set.id()).equals(caller + "|" + kind) && set.seq() > seq)
			.sorted(Comparator.comparingLong(Kept::seq))
			.toList();
	}

	@Override
	public synchronized void save(String caller, String kind, Kept set) {
		sets.put(set.id(), set);
		ownerOf.put(set.id(), caller + "|" + kind);
	}

	@Override
	public boolean claim(String caller, String kind, long expected) {
		Runnable write = beforeNextClaim;
		beforeNextClaim = null;
		if (write != null) {
			write.run();
		}
		synchronized (this) {
			if (version(caller, kind) != expected) {
				return false;
			}
			versions.put(caller + "|" + kind, expected + 1);
			return true;
		}
	}

	@Override
	public synchronized void forget(Collection<String> ids) {
		ids.forEach(sets::remove);
	}

}
