package io.membergraph.commerce;

/** Where an order is in its life, derived from the times recorded on it. */
public enum OrderStatus {

	PLACED, PAID, SHIPPED, DELIVERED, COMPLETED, CANCELLED

}
