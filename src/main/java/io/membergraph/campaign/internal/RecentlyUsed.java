package io.membergraph.campaign.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Maps that keep only the entries used last: for what is worth keeping a few of in memory, each large. */
public final class RecentlyUsed {

	private RecentlyUsed() {
	}

	/** A thread-safe map holding at most {@code size} entries, dropping the one used longest ago. */
	public static <K, V> Map<K, V> map(int size) {
		return Collections.synchronizedMap(new LinkedHashMap<>(size, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
				return size() > size;
			}
		});
	}

}
