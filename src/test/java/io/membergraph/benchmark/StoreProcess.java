package io.membergraph.benchmark;

import java.net.InetSocketAddress;

import de.bwaldvogel.mongo.MongoServer;
import io.membergraph.store.SnapshotMemoryBackend;

/**
 * The embedded store (the same backend the application embeds) in a process of its own, so a benchmark can
 * measure the application's heap without the store's data in it. Prints its port and runs until its
 * standard input closes.
 */
public final class StoreProcess {

	private StoreProcess() {
	}

	public static void main(String[] args) throws Exception {
		MongoServer server = new MongoServer(new SnapshotMemoryBackend());
		server.bind("127.0.0.1", 0);
		InetSocketAddress address = server.getLocalAddress();
		System.out.println("PORT " + address.getPort());
		System.out.flush();
		while (System.in.read() != -1) {
			// wait for the parent to close our input
		}
		server.shutdownNow();
	}

}
