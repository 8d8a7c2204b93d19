package io.membergraph.segment.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The member fields a segment may test, with their types. A name not listed here is an error, never a path
 * into the stored document.
 */
public enum SegmentField {

	TIER("tier", Type.TEXT),
	PROVINCE("region.province", Type.TEXT),
	CITY("region.city", Type.TEXT),
	AGE("age", Type.NUMBER),
	GENDER("gender", Type.CHOICE, "MALE", "FEMALE", "OTHER", "UNKNOWN"),
	JOINED("joined", Type.DAY),
	JOIN_CHANNEL("joinChannel", Type.CHOICE, "STORE", "WEB", "APP", "TMALL", "JD", "WECHAT"),
	/** The channels a member is known on: the one it joined through and those it has an identity on. */
	CHANNELS("channel", Type.SET, "STORE", "WEB", "APP", "TMALL", "JD", "WECHAT"),
	TAGS("tags", Type.SET),
	CONSENT_SMS("consent.sms", Type.BOOLEAN),
	CONSENT_EMAIL("consent.email", Type.BOOLEAN),
	CONSENT_WECHAT("consent.wechat", Type.BOOLEAN),
	CONSENT_APP_PUSH("consent.appPush", Type.BOOLEAN),
	CONSENT_PHONE_CALL("consent.phoneCall", Type.BOOLEAN),
	POINTS_BALANCE("points.balance", Type.NUMBER),
	/** Points whose lots expire within the next 30 days. */
	POINTS_EXPIRING_SOON("points.expiringSoon", Type.NUMBER),
	RFM_SEGMENT("rfm.segment", Type.CHOICE, "IMPORTANT_VALUE", "IMPORTANT_DEVELOPMENT", "IMPORTANT_RETENTION",
			"IMPORTANT_WIN_BACK", "GENERAL_VALUE", "GENERAL_DEVELOPMENT", "GENERAL_RETENTION", "GENERAL_WIN_BACK"),
	LIFECYCLE("lifecycle", Type.CHOICE, "PROSPECT", "NEW", "ACTIVE", "AT_RISK", "LAPSED", "CHURNED"),
	/** 1 − P(alive) from the latest scoreMembers run. */
	PREDICTED_CHURN_RISK("prediction.churnRisk", Type.NUMBER),
	PREDICTED_CHURN_BAND("prediction.churnBand", Type.CHOICE, "LOW", "MEDIUM", "HIGH"),
	/** Lifetime value (currency units) from the latest scoreMembers run. */
	PREDICTED_CLV("prediction.clv", Type.NUMBER),
	/** Purchases expected in the next 90 days (the configured horizon) from the latest scoreMembers run. */
	PREDICTED_PURCHASES_90D("prediction.expectedPurchases90d", Type.NUMBER);

	public enum Type {

		TEXT, NUMBER, BOOLEAN, DAY, CHOICE, SET

	}

	private final String path;

	private final Type type;

	private final List<String> choices;

	SegmentField(String path, Type type, String... choices) {
		this.path = path;
		this.type = type;
		this.choices = List.of(choices);
	}

	public String path() {
		return path;
	}

	public Type type() {
		return type;
	}

	/** The values a CHOICE or SET field may take; empty when any text goes. */
	public List<String> choices() {
		return choices;
	}

	/**
	 * Whether the field is a figure of one member that only roles reading members in full may read (ADMIN,
	 * CRM_SPECIALIST): an age stands for the birth date, and a balance, an RFM segment or a prediction for the
	 * member's own record. Conditions on them would tell such a figure by bisection over previews.
	 */
	public boolean isPersonalFigure() {
		return this == AGE || this == POINTS_BALANCE || this == POINTS_EXPIRING_SOON || this == RFM_SEGMENT
				|| path.startsWith("prediction.");
	}

	public static Optional<SegmentField> byPath(String path) {
		return Arrays.stream(values()).filter(f -> f.path.equals(path)).findFirst();
	}

	/** The known name closest to a mistyped one, if any is close enough to be what was meant. */
	static Optional<String> closest(String typed, List<String> known) {
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (String candidate : known) {
			int distance = distance(typed.toLowerCase(), candidate.toLowerCase());
			if (distance < bestDistance) {
				best = candidate;
				bestDistance = distance;
			}
		}
		return bestDistance <= Math.max(2, typed.length() / 3) ? Optional.ofNullable(best) : Optional.empty();
	}

	static List<String> paths() {
		return Arrays.stream(values()).map(SegmentField::path).toList();
	}

	/** Edit distance with transpositions, so {@code teir} is one edit from {@code tier}. */
	private static int distance(String a, String b) {
		int[][] d = new int[a.length() + 1][b.length() + 1];
		for (int i = 0; i <= a.length(); i++) {
			d[i][0] = i;
		}
		for (int j = 0; j <= b.length(); j++) {
			d[0][j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			for (int j = 1; j <= b.length(); j++) {
				int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
				d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
				if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
					d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
				}
			}
		}
		return d[a.length()][b.length()];
	}

}
