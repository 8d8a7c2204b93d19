package io.membergraph.member;

/** A way of contacting a member for marketing; consent is given or withdrawn per way. */
public enum ConsentChannel {

	SMS, EMAIL, WECHAT, APP_PUSH, PHONE_CALL

}
