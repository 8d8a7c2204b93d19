package io.membergraph.campaign.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Splits a campaign's audience into the members it contacts and a random control group it holds out. The split is
 * a shuffle seeded from the campaign id over the ids in order, so the same campaign and audience always give the
 * same control group — anyone can check it was not picked by hand.
 *
 * @param treated the members the campaign may contact, ids ascending
 * @param control the members held out, ids ascending
 */
public record ControlGroup(List<String> treated, List<String> control) {

	public static ControlGroup split(String campaignId, Collection<String> audience, double share) {
		List<String> shuffled = new ArrayList<>(audience);
		Collections.sort(shuffled);
		// java.util.Random's sequence is fixed by its specification, so the shuffle is the same on every JVM.
		Collections.shuffle(shuffled, new Random(seedOf(campaignId)));
		int controlSize = (int) Math.round(shuffled.size() * share);
		List<String> control = new ArrayList<>(shuffled.subList(0, controlSize));
		List<String> treated = new ArrayList<>(shuffled.subList(controlSize, shuffled.size()));
		Collections.sort(control);
		Collections.sort(treated);
		return new ControlGroup(treated, control);
	}

	private static long seedOf(String campaignId) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(campaignId.getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.wrap(digest).getLong();
		}
		catch (NoSuchAlgorithmException everyJvmHasIt) {
			throw new IllegalStateException(everyJvmHasIt);
		}
	}

}
