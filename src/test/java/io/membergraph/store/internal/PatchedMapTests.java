package io.membergraph.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * A map patched change after change holds what a plain map patched in place holds, in the same order: random
 * batches of updates, additions and removals, through many patches and past the point where they are folded.
 */
class PatchedMapTests {

	private final Random random = new Random(20261201);

	@Test
	void threeHundredRandomBatchesLeaveWhatAPlainMapPatchedInPlaceHolds() {
		Map<String, Integer> plain = new LinkedHashMap<>();
		for (int i = 0; i < 5_000; i++) {
			plain.put("k" + i, i);
		}
		Map<String, Integer> patched = Collections.unmodifiableMap(new LinkedHashMap<>(plain));
		Set<String> removed = new HashSet<>();
		int next = 5_000;
		boolean stayedPatched = false;
		boolean folded = false;
		for (int batch = 0; batch < 300; batch++) {
			Map<String, Integer> changed = new LinkedHashMap<>();
			List<String> keys = new ArrayList<>(plain.keySet());
			for (int c = random.nextInt(40); c >= 0; c--) {
				switch (random.nextInt(4)) {
					case 0 -> changed.put("k" + next++, random.nextInt()); // a new document
					case 1 -> changed.put(keys.get(random.nextInt(keys.size())), null); // dropped
					case 2 -> changed.put("gone" + random.nextInt(100), null); // dropped, never there
					default -> changed.put(keys.get(random.nextInt(keys.size())), random.nextInt()); // changed
				}
			}
			changed.keySet().stream().filter(key -> changed.get(key) == null).forEach(removed::add);
			// A document dropped is not written again (the views keep tombstones): its key never comes back.
			changed.keySet().removeIf(key -> changed.get(key) != null && removed.contains(key));
			Map<String, Integer> before = patched;
			Map<String, Integer> beforeCopy = new LinkedHashMap<>(before);

			patched = PatchedMap.of(before, changed);
			changed.forEach((key, value) -> {
				if (value == null) {
					plain.remove(key);
				}
				else {
					plain.put(key, value);
				}
			});

			assertThat(new ArrayList<>(patched.entrySet())).as("batch %d", batch)
				.containsExactlyElementsOf(new ArrayList<>(plain.entrySet()));
			assertThat(patched).hasSize(plain.size()).isEqualTo(plain);
			for (String key : changed.keySet()) {
				assertThat(patched.get(key)).as(key).isEqualTo(plain.get(key));
				assertThat(patched.containsKey(key)).as(key).isEqualTo(plain.containsKey(key));
			}
			assertThat(before).as("the map patched stays as it was").isEqualTo(beforeCopy);
			stayedPatched |= patched instanceof PatchedMap;
			folded |= before instanceof PatchedMap && !(patched instanceof PatchedMap);
		}
		assertThat(stayedPatched).as("some batches patched without a copy").isTrue();
		assertThat(folded).as("some batches folded the changes into a copy").isTrue();
	}

	@Test
	void anEntryRemovedAndAddedAgainIsThereWithItsNewValue() {
		Map<String, Integer> base = Collections.unmodifiableMap(new LinkedHashMap<>(Map.of("a", 1)));
		Map<String, Integer> gone = PatchedMap.of(base, Collections.singletonMap("a", null));
		assertThat(gone).isEmpty();
		assertThat(gone.get("a")).isNull();

		Map<String, Integer> back = PatchedMap.of(gone, Map.of("a", 2, "b", 3));
		assertThat(back).containsOnly(Map.entry("a", 2), Map.entry("b", 3));
		assertThat(base).containsOnly(Map.entry("a", 1));
	}

}
