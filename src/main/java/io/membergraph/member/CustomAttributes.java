package io.membergraph.member;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.RefusedException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Defines the brand's custom member attributes and checks values against their definitions; an import reads the
 * definitions to map columns to them ({@code attributes.<key>}).
 */
@Service
public class CustomAttributes {

	/** Keys become MongoDB field names, so they are plain identifiers: no {@code $}, no dots. */
	private static final Pattern KEY = Pattern.compile("[a-z][A-Za-z0-9_]{0,39}");

	private final MongoTemplate mongo;

	private final Clock clock;

	CustomAttributes(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	public record DefineAttributeInput(String key, String label, AttributeType type, List<String> choices) {
	}

	/** The options of a CHOICE attribute: a pick list a person reads, not a catalogue. */
	static final int MAX_CHOICES = 200;

	@PreAuthorize("hasRole('ADMIN')")
	public AttributeDefinition define(DefineAttributeInput input) {
		String key = InvalidInputException.requireText("key", input.key());
		if (!KEY.matcher(key).matches()) {
			throw new InvalidInputException("key", "must start with a lower-case letter and hold only letters, "
					+ "digits and _ (at most 40)");
		}
		AttributeType type = InvalidInputException.require("type", input.type());
		List<String> choices = input.choices() == null ? List.of()
				: input.choices().stream().map(String::strip).filter(c -> !c.isEmpty()).distinct().toList();
		if (type == AttributeType.CHOICE && choices.isEmpty()) {
			throw new InvalidInputException("choices", "are required for a CHOICE attribute");
		}
		if (choices.size() > MAX_CHOICES) {
			throw new InvalidInputException("choices", "hold at most " + MAX_CHOICES + " choices");
		}
		for (int i = 0; i < choices.size(); i++) {
			InvalidInputException.oneLine("choices[" + i + "]", choices.get(i), 100);
		}
		String label = InvalidInputException.oneLine("label",
				input.label() == null || input.label().isBlank() ? key : input.label().strip(), 100);
		AttributeDefinition before = mongo.findById(key, AttributeDefinition.class);
		if (before != null) {
			stillFitsWhatMembersHold(before, type, choices);
		}
		return mongo.save(new AttributeDefinition(key, label, type, choices, clock.instant()));
	}

	/**
	 * A definition changed while members hold values of it must still take those values: its type stays, and a
	 * CHOICE keeps the choices members hold. Otherwise members would keep values their attribute no longer allows.
	 */
	private void stillFitsWhatMembersHold(AttributeDefinition before, AttributeType type, List<String> choices) {
		String field = "attributes." + before.key();
		if (before.type() != type) {
			long holding = membersWhere(Criteria.where(field).exists(true));
			if (holding > 0) {
				throw new RefusedException("ATTRIBUTE_IN_USE", "type", holding + " members hold a " + before.type()
						+ " value of '" + before.key() + "': its type changes only while no member holds one");
			}
		}
		else if (type == AttributeType.CHOICE) {
			List<String> dropped = before.choices().stream().filter(choice -> !choices.contains(choice)).toList();
			long holding = dropped.isEmpty() ? 0 : membersWhere(Criteria.where(field).in(dropped));
			if (holding > 0) {
				throw new RefusedException("ATTRIBUTE_IN_USE", "choices", holding + " members hold one of " + dropped
						+ ", which these choices leave out");
			}
		}
	}

	private long membersWhere(Criteria criteria) {
		return mongo.count(Query.query(criteria.and("status").ne(MemberStatus.MERGED)), Member.class);
	}

	@PreAuthorize("isAuthenticated()")
	public List<AttributeDefinition> definitions() {
		return mongo.find(new Query().with(Sort.by("_id")), AttributeDefinition.class);
	}

	/** Typed values for the given text values; an unknown key or a value of the wrong type is refused. */
	Map<String, Object> parse(List<AttributeValue> values) {
		if (values.isEmpty()) {
			return Map.of();
		}
		java.util.Set<String> keys = new java.util.HashSet<>();
		values.forEach(value -> keys.add(value.key()));
		keys.remove(null);
		Map<String, AttributeDefinition> defined = new java.util.HashMap<>();
		// One read for all the values: a bulk registration checks thousands of members' attributes.
		mongo.find(io.membergraph.store.Lookups.byIds(keys), AttributeDefinition.class).forEach(d -> defined.put(d.key(), d));
		Map<String, Object> parsed = new LinkedHashMap<>();
		for (int i = 0; i < values.size(); i++) {
			AttributeValue value = values.get(i);
			String field = "attributes[" + i + "]";
			String key = InvalidInputException.requireText(field + ".key", value.key());
			AttributeDefinition definition = defined.get(key);
			if (definition == null) {
				throw new InvalidInputException(field + ".key", "'" + key + "' is not a defined attribute");
			}
			parsed.put(key, definition.parse(field + ".value", value.value()));
		}
		return parsed;
	}

	/** An attribute value as the API carries it: text, typed by its definition. */
	public record AttributeValue(String key, String value) {
	}

	public static List<AttributeValue> asValues(Map<String, Object> attributes) {
		if (attributes == null) {
			return List.of();
		}
		return attributes.entrySet().stream()
			.sorted(Map.Entry.comparingByKey())
			.map(e -> new AttributeValue(e.getKey(), String.valueOf(e.getValue())))
			.toList();
	}

}
