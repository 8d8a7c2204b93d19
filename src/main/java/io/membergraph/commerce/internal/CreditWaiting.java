package io.membergraph.commerce.internal;

import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Credit notes waiting for the order they return, by that order's id: recording the order moves them onto it as
 * refunds. One {@code _id} read per batch finds them, on either store.
 */
@Document("credit_notes_waiting")
public record CreditWaiting(@Id String orderId, List<String> creditNotes) {
}
