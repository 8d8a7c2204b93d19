package io.membergraph.engagement;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.membergraph.security.Caller;
import io.membergraph.shared.InvalidInputException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Interaction properties are free text a storefront fills as it likes (a phone in a note, a name in a form field),
 * so they are personal data until an ADMIN says a key is not: a role that sees members masked sees every property
 * value masked except those of the keys on the allow list.
 */
@Service
public class PropertyVisibility {

	static final String MASKED = "***";

	static final int MAX_KEYS = 100;

	private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

	private static final String ID = "interactionProperties";

	private final MongoTemplate mongo;

	private final Caller caller;

	private final Clock clock;

	/** The list as last read, and when: a page of interactions reads it once, not once per interaction. */
	private volatile Cached cached;

	private record Cached(List<String> keys, Instant readAt) {
	}

	PropertyVisibility(MongoTemplate mongo, Caller caller, Clock clock) {
		this.mongo = mongo;
		this.caller = caller;
		this.clock = clock;
	}

	/** The keys whose values every role that may read the interaction sees as they are. */
	@PreAuthorize("hasRole('ADMIN')")
	public List<String> visibleKeys() {
		return List.copyOf(stored().keys());
	}

	@PreAuthorize("hasRole('ADMIN')")
	public List<String> setVisibleKeys(List<String> keys) {
		InvalidInputException.require("keys", keys);
		if (keys.size() > MAX_KEYS) {
			throw new InvalidInputException("keys", "hold at most " + MAX_KEYS + " keys");
		}
		TreeSet<String> sorted = new TreeSet<>();
		for (int i = 0; i < keys.size(); i++) {
			String key = InvalidInputException.requireText("keys[" + i + "]", keys.get(i));
			if (!KEY.matcher(key).matches()) {
				throw new InvalidInputException("keys[" + i + "]", "must be 1-64 letters, digits or _.-");
			}
			sorted.add(key);
		}
		mongo.save(new VisibleKeys(ID, List.copyOf(sorted), caller.name(), clock.instant()));
		cached = null;
		return List.copyOf(sorted);
	}

	/** The properties as this caller may see them. */
	public Map<String, Object> asSeen(Map<String, Object> properties) {
		if (properties == null || properties.isEmpty() || caller.seesPersonalData()) {
			return properties;
		}
		List<String> visible = cachedKeys();
		Map<String, Object> seen = new LinkedHashMap<>();
		properties.forEach((key, value) -> seen.put(key, visible.contains(key) ? value : MASKED));
		return seen;
	}

	/** Read again after ten seconds, so a change made through another instance shows within that. */
	private List<String> cachedKeys() {
		Instant now = clock.instant();
		Cached current = cached;
		if (current == null || current.readAt().plusSeconds(10).isBefore(now) || current.readAt().isAfter(now)) {
			current = new Cached(stored().keys(), now);
			cached = current;
		}
		return current.keys();
	}

	private VisibleKeys stored() {
		VisibleKeys stored = mongo.findById(ID, VisibleKeys.class);
		return stored == null ? new VisibleKeys(ID, List.of(), null, null) : stored;
	}

	@Document("property_visibility")
	record VisibleKeys(@Id String id, List<String> keys, String updatedBy, Instant updatedAt) {
	}

}
