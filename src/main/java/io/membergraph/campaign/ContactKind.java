package io.membergraph.campaign;

/** What happened to a campaign's message to one member, as the sending channel reports it. */
public enum ContactKind {

	SENT, DELIVERED, OPENED, CLICKED

}
