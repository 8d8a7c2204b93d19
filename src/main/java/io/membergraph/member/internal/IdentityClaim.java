package io.membergraph.member.internal;

import java.time.Instant;

import io.membergraph.shared.Channel;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One identity (channel account, WeChat unionid, phone, e-mail) claimed by one member. The key is the
 * {@code _id}, so uniqueness is enforced by the store and a storefront lookup is one {@code _id} read.
 */
@Document("member_identities")
public record IdentityClaim(@Id String key, String memberId, Instant claimedAt) {

	public static String channelKey(Channel channel, String externalId) {
		return channel.name() + ":" + externalId;
	}

	public static String unionIdKey(String unionId) {
		return "UNIONID:" + unionId;
	}

	public static String phoneKey(String phone) {
		return "PHONE:" + phone;
	}

	public static String emailKey(String email) {
		return "EMAIL:" + email;
	}

}
