package io.membergraph.shared;

/** A sales channel: where an order was placed, a member joined or an identity comes from. */
public enum Channel {

	STORE, WEB, APP, TMALL, JD, WECHAT

}
