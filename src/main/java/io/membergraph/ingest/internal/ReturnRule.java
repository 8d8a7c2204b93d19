package io.membergraph.ingest.internal;

import java.util.Locale;

import io.membergraph.shared.InvalidInputException;

/**
 * How an order export marks returns: a negative quantity (the default), an order-number prefix
 * ({@code PREFIX:R-}), or a status column value ({@code STATUS:退货}).
 */
public record ReturnRule(Kind kind, String value) {

	enum Kind {

		NEGATIVE_QUANTITY, PREFIX, STATUS

	}

	static final ReturnRule DEFAULT = new ReturnRule(Kind.NEGATIVE_QUANTITY, null);

	static ReturnRule parse(String text) {
		if (text == null || text.isBlank()) {
			return DEFAULT;
		}
		String[] parts = text.split(":", 2);
		try {
			Kind kind = Kind.valueOf(parts[0].strip().toUpperCase(Locale.ROOT));
			if (kind != Kind.NEGATIVE_QUANTITY && (parts.length < 2 || parts[1].isBlank())) {
				throw new InvalidInputException("returnRule", kind + " needs a value, e.g. "
						+ (kind == Kind.PREFIX ? "PREFIX:C (returns numbered C536365)" : "STATUS:returned"));
			}
			return new ReturnRule(kind, kind == Kind.NEGATIVE_QUANTITY ? null : parts[1].strip());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("returnRule", "'" + text + "' is not NEGATIVE_QUANTITY, PREFIX:<prefix> or STATUS:<value>");
		}
	}

	/** Whether an order (its number, its status, its first quantity) is a return. */
	boolean isReturn(String orderNumber, String status, Integer quantity) {
		return switch (kind) {
			case NEGATIVE_QUANTITY -> quantity != null && quantity < 0;
			case PREFIX -> orderNumber.startsWith(value);
			case STATUS -> value.equals(status);
		};
	}

	/** The number of the order a return returns, when the export does not say. */
	String originalOf(String returnNumber) {
		return kind == Kind.PREFIX ? returnNumber.substring(value.length()) : returnNumber;
	}

}
