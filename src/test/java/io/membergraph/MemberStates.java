package io.membergraph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Everything the store keeps for a member (its document, purchase rollup, points account, tier,
 * ledger, tier changes and orders) without bookkeeping fields, with names replaced, so that the state two paths
 * leave for twin members can be compared as a whole.
 */
public final class MemberStates {

	private MemberStates() {
	}

	/** The member's state with every {@code names} key replaced by its value (twin ids, order number prefixes). */
	public static Document of(MongoTemplate mongo, String memberId, Map<String, String> names) {
		Map<String, Object> state = new TreeMap<>();
		state.put("member", strip(mongo.findById(memberId, Document.class, "members"), "name", "phone", "memberNumber",
				"identities", "appliedOperations", "updatedAt", "mergedInto"));
		state.put("purchases", strip(mongo.findById(memberId, Document.class, "member_purchases"), "version", "changedAt"));
		state.put("account", strip(mongo.findById(memberId, Document.class, "points_accounts"), "version", "applied", "changedAt"));
		state.put("tier", strip(mongo.findById(memberId, Document.class, "member_tiers"), "version"));
		state.put("ledger", all(mongo, "points_ledger", memberId, "changedAt", "fingerprint"));
		state.put("tierChanges", all(mongo, "tier_changes", memberId, "recordedAt"));
		state.put("orders", all(mongo, "orders", memberId, "changedAt", "fingerprint", "pendingMemberUpdates", "refunds.batch"));
		return renamed(new Document(state), names);
	}

	public static Document renamed(Document document, Map<String, String> names) {
		String text = document.toJson();
		for (Map.Entry<String, String> name : names.entrySet()) {
			text = text.replace(name.getKey(), name.getValue());
		}
		return Document.parse(text);
	}

	public static List<Object> all(MongoTemplate mongo, String collection, String memberId, String... without) {
		return sorted(mongo.find(Query.query(Criteria.where("memberId").is(memberId)), Document.class, collection), without);
	}

	public static List<Object> sorted(List<Document> documents, String... without) {
		List<Object> stripped = new ArrayList<>(documents.stream().map(d -> strip(d, without)).toList());
		stripped.sort(Comparator.comparing(d -> String.valueOf(((Document) d).get("_id"))));
		return stripped;
	}

	public static Object strip(Document document, String... fields) {
		if (document == null) {
			return "none";
		}
		Document copy = Document.parse(document.toJson());
		copy.remove("_class");
		for (String field : fields) {
			String[] path = field.split("\\.");
			if (path.length == 1) {
				copy.remove(field);
			}
			else if (copy.get(path[0]) instanceof List<?> list) {
				list.forEach(element -> ((Document) element).remove(path[1]));
			}
		}
		return copy;
	}

	/**
	 * The state without the times things were written at (ledger entries created and settled, orders recorded):
	 * for comparing with a twin whose writes a recovery finished later.
	 */
	public static Document withoutWriteTimes(Document state) {
		return (Document) withoutKeys(state, java.util.Set.of("createdAt", "settledAt", "recordedAt"));
	}

	private static Object withoutKeys(Object value, java.util.Set<String> keys) {
		if (value instanceof Document document) {
			Document copy = new Document();
			document.forEach((key, inner) -> {
				if (!keys.contains(key)) {
					copy.put(key, withoutKeys(inner, keys));
				}
			});
			return copy;
		}
		if (value instanceof List<?> list) {
			return list.stream().map(inner -> withoutKeys(inner, keys)).toList();
		}
		return value;
	}

}
