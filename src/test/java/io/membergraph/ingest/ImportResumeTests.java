package io.membergraph.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.membergraph.ApplicationTest;
import io.membergraph.MemberStates;
import io.membergraph.commerce.BatchCrashes;
import io.membergraph.commerce.BatchSteps;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An order import cut short by a crash in the middle of a batch: after the restart the job shows INTERRUPTED,
 * the same file uploaded with {@code resume} finishes it from its last saved point, and every member ends as the
 * twin members of an import that ran through; each row is counted once.
 */
class ImportResumeTests extends ApplicationTest {

	private static final String MAPPING = """
			{"orderNumber":"单号","channel":{"value":"WEB"},"memberPhone":"手机","placedAt":"时间","paidAt":{"sameAs":"placedAt"},
			 "sku":"商品","quantity":"数量","unitPrice":"单价","category":{"value":"skincare"}}""";

	@AfterEach
	void noMoreCrashes() {
		BatchCrashes.calm(context());
	}

	@Test
	void anInterruptedImportResumesWithTheSameFileAndEndsAsOneThatRanThrough() {
		List<String> calmPhones = List.of(newPhone(), newPhone(), newPhone());
		List<String> cutPhones = List.of(newPhone(), newPhone(), newPhone());
		List<String> calm = calmPhones.stream().map(phone -> registerMember("续传", phone, List.of())).toList();
		List<String> cut = cutPhones.stream().map(phone -> registerMember("续传", phone, List.of())).toList();

		String calmJob = startImport(file("RA", calmPhones));
		// A return read apart from its order (beyond the order window) is a refund of it, not a conflict.
		awaitImport(calmJob).path("importJob.status").entity(String.class).isEqualTo("COMPLETED")
			.path("importJob.rowsRejected").entity(Integer.class).isEqualTo(0);

		ImportJob interrupted = cutInItsThirdBatchAndRestarted(file("RB", cutPhones));
		String cutJob = interrupted.id();
		assertThat(interrupted.status()).isEqualTo(ImportJob.Status.INTERRUPTED);
		assertThat(interrupted.resumeFrom()).as("a saved resume point past the first batches").isGreaterThan(14);

		upload(cutJob, file("RB", List.of(newPhone(), newPhone(), newPhone())))
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.field").isEqualTo("resume");
		assertThat(bean(MongoTemplate.class).findById(cutJob, ImportJob.class).status())
			.isEqualTo(ImportJob.Status.INTERRUPTED);

		upload(cutJob, file("RB", cutPhones)).expectStatus().isAccepted();
		ImportJob calmEnd = bean(MongoTemplate.class).findById(calmJob, ImportJob.class);
		awaitImport(cutJob).path("importJob.status").entity(String.class).isEqualTo("COMPLETED")
			.path("importJob.rowsRead").entity(Long.class).isEqualTo(calmEnd.rowsRead())
			.path("importJob.rowsLoaded").entity(Long.class).isEqualTo(calmEnd.rowsLoaded())
			.path("importJob.rowsRejected").entity(Long.class).isEqualTo(calmEnd.rowsRejected());

		MongoTemplate mongo = bean(MongoTemplate.class);
		for (int i = 0; i < calm.size(); i++) {
			Map<String, String> names = Map.of(calm.get(0), cut.get(0), calm.get(1), cut.get(1), calm.get(2), cut.get(2),
					"RA-", "RB-");
			// The batch the sweep finished was written later than its twin: the times it was written at differ.
			Document expected = MemberStates.withoutWriteTimes(MemberStates.of(mongo, calm.get(i), names));
			assertThat(MemberStates.withoutWriteTimes(MemberStates.of(mongo, cut.get(i), Map.of()))).as("member %d", i)
				.isEqualTo(expected);
		}
		assertPointsAuditFindsNothing();
	}

	/**
	 * A file shorter than the order window is held whole until it ends, and most of the work comes after the last
	 * row is read: the batches settle one by one from there, each reported (rows, a time left) and each moving the
	 * resume point, so a crash in the third batch keeps the first two.
	 */
	@Test
	void aFileWithinOneOrderWindowReportsAndSavesEachBatchAfterItsLastRowIsRead() throws Exception {
		List<String> phones = List.of(newPhone(), newPhone(), newPhone());
		phones.forEach(phone -> registerMember("窗内", phone, List.of()));
		String csv = withinOneWindow("RW", phones);
		java.nio.file.Path path = java.nio.file.Files.createTempFile("orders", ".csv");
		java.nio.file.Files.writeString(path, csv);
		List<ImportJob> reports = new java.util.ArrayList<>();
		org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(
				org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated("cli", null,
						List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_ADMIN"))));
		ImportJob job;
		try {
			job = bean(ImportJobs.class).runFile(ImportJob.ImportEntity.ORDERS, path,
					Map.of("mapping", MAPPING, "loyalty", "LIVE"), reports::add);
		}
		finally {
			org.springframework.security.core.context.SecurityContextHolder.clearContext();
			java.nio.file.Files.delete(path);
		}
		assertThat(job.rowsLoaded()).isEqualTo(21);
		List<ImportJob> afterLastRow = reports.stream()
			.filter(r -> r.bytesRead() == r.bytes() && r.status() == ImportJob.Status.RUNNING)
			.toList();
		assertThat(afterLastRow).extracting(ImportJob::rowsRead).as("rows settled, batch by batch, after the last was read")
			.contains(7L, 14L);
		assertThat(afterLastRow).filteredOn(r -> r.rowsRead() == 7).allSatisfy(r -> {
			assertThat(r.resumeFrom()).isGreaterThan(7);
			assertThat(r.secondsLeft()).as("time left from the rows still held, not the bytes").isNotNull();
		});

		List<String> cutPhones = List.of(newPhone(), newPhone(), newPhone());
		cutPhones.forEach(phone -> registerMember("窗内", phone, List.of()));
		ImportJob interrupted = cutInItsThirdBatchAndRestarted(withinOneWindow("RX", cutPhones));
		String cutJob = interrupted.id();
		assertThat(interrupted.status()).isEqualTo(ImportJob.Status.INTERRUPTED);
		assertThat(interrupted.resumeFrom()).as("two batches of seven saved before the crash").isGreaterThan(14);
		assertThat(interrupted.rowsRead()).isEqualTo(14);

		upload(cutJob, withinOneWindow("RX", cutPhones)).expectStatus().isAccepted();
		awaitImport(cutJob).path("importJob.status").entity(String.class).isEqualTo("COMPLETED")
			.path("importJob.rowsRead").entity(Long.class).isEqualTo(21L)
			.path("importJob.rowsLoaded").entity(Long.class).isEqualTo(21L);
	}

	/** The same file uploaded twice at once to resume one job: one upload runs it, the other is refused. */
	@Test
	void twoUploadsResumingOneJobAtOnceRunItOnce() throws Exception {
		List<String> phones = List.of(newPhone(), newPhone(), newPhone());
		phones.forEach(phone -> registerMember("双续", phone, List.of()));
		String csv = withinOneWindow("RZ", phones);
		String job = cutInItsThirdBatchAndRestarted(csv).id();

		java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
		java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(2);
		List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
		for (int i = 0; i < 2; i++) {
			answers.add(senders.submit(() -> {
				together.await();
				return upload(job, csv).returnResult(String.class).getStatus().value();
			}));
		}
		List<Integer> statuses = new java.util.ArrayList<>();
		for (java.util.concurrent.Future<Integer> answer : answers) {
			statuses.add(answer.get(60, java.util.concurrent.TimeUnit.SECONDS));
		}
		senders.shutdown();

		assertThat(statuses).containsExactlyInAnyOrder(202, 400);
		awaitImport(job).path("importJob.status").entity(String.class).isEqualTo("COMPLETED")
			.path("importJob.rowsRead").entity(Long.class).isEqualTo(21L)
			.path("importJob.rowsLoaded").entity(Long.class).isEqualTo(21L);
	}

	/**
	 * A batch keeps the job's thread for as long as it takes to write; the job is reported all the same, at least
	 * every {@code progressEvery} (here held until two reports came in while the batch waited).
	 */
	@Test
	void aJobIsReportedWhileABatchIsBeingWritten() throws Exception {
		List<String> phones = List.of(newPhone(), newPhone(), newPhone());
		phones.forEach(phone -> registerMember("慢批", phone, List.of()));
		java.nio.file.Path path = java.nio.file.Files.createTempFile("orders", ".csv");
		java.nio.file.Files.writeString(path, withinOneWindow("RT", phones));
		java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.CountDownLatch reportedWhileHeld = new java.util.concurrent.CountDownLatch(2);
		BatchCrashes.holdAt(context(), BatchSteps.Step.ORDERS_WRITTEN, held, release);
		org.springframework.security.core.context.SecurityContext admin = org.springframework.security.core.context
			.SecurityContextHolder.createEmptyContext();
		admin.setAuthentication(org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated(
				"cli", null, List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_ADMIN"))));
		java.util.concurrent.CompletableFuture<ImportJob> running = java.util.concurrent.CompletableFuture.supplyAsync(
				() -> {
					org.springframework.security.core.context.SecurityContextHolder.setContext(admin);
					try {
						return bean(ImportJobs.class).runFile(ImportJob.ImportEntity.ORDERS, path,
								Map.of("mapping", MAPPING, "loyalty", "LIVE"), reported -> {
									if (held.getCount() == 0 && release.getCount() == 1) {
										reportedWhileHeld.countDown();
									}
								});
					}
					finally {
						org.springframework.security.core.context.SecurityContextHolder.clearContext();
					}
				});
		try {
			assertThat(held.await(20, java.util.concurrent.TimeUnit.SECONDS)).as("the first batch reached its step").isTrue();
			assertThat(reportedWhileHeld.await(20, java.util.concurrent.TimeUnit.SECONDS))
				.as("reports while the batch was being written").isTrue();
		}
		finally {
			release.countDown();
		}
		assertThat(running.get(30, java.util.concurrent.TimeUnit.SECONDS).rowsLoaded()).isEqualTo(21);
		java.nio.file.Files.delete(path);
	}

	/** Twenty-one orders of one line each: fewer rows than the tests' order window (25), three batches of seven. */
	private static String withinOneWindow(String prefix, List<String> phones) {
		StringBuilder csv = new StringBuilder("单号,手机,时间,商品,数量,单价\n");
		for (int day = 1; day <= 21; day++) {
			csv.append("%s-%d,%s,2026/06/%02d 10:00,SK-1001,1,420.00\n".formatted(prefix, day, phones.get(day % 3), day));
		}
		return csv.toString();
	}

	/**
	 * The import of the file, cut short by a crash as its third batch's orders are written; then the restart: the
	 * sweep finishes the cut batch once its grace is over, and the silent job is marked.
	 */
	private ImportJob cutInItsThirdBatchAndRestarted(String csv) {
		BatchCrashes.crashAt(context(), BatchSteps.Step.ORDERS_WRITTEN, 3);
		String job = startImport(csv);
		awaitImport(job);
		BatchCrashes.calm(context());
		diesWhileRunning(job);
		clock.advance(Duration.ofMinutes(11));
		assertThat(BatchCrashes.sweep(context())).as("batches the crash left to finish").isPositive();
		bean(ImportJobs.class).interruptSilentJobs();
		return bean(MongoTemplate.class).findById(job, ImportJob.class);
	}

	/** What a crash leaves: the job still RUNNING with the progress it last saved, and no heartbeat since. */
	private void diesWhileRunning(String jobId) {
		bean(MongoTemplate.class).updateFirst(Query.query(Criteria.where("_id").is(jobId)),
				new Update().set("status", ImportJob.Status.RUNNING).unset("failure").unset("finishedAt")
					.set("heartbeatAt", now()),
				ImportJob.class);
	}

	/**
	 * Orders of three members, lines of one order apart, a return after its order; about ninety rows, so orders settle
	 * (the tests' order window is 25 rows) in several batches of seven.
	 */
	private static String file(String prefix, List<String> phones) {
		StringBuilder csv = new StringBuilder("单号,手机,时间,商品,数量,单价\n");
		for (int day = 1; day <= 28; day++) {
			String phone = phones.get(day % 3);
			String at = "2026/05/%02d 10:00".formatted(day);
			csv.append("%s-%d,%s,%s,SK-1001,1,420.00\n".formatted(prefix, day, phone, at));
			csv.append("%s-%d,%s,%s,HC-4001,%d,99.50\n".formatted(prefix, day, phone, at, 1 + day % 2));
			if (day > 1) {
				csv.append("%s-%d,%s,%s,BC-5003,1,0\n".formatted(prefix, day - 1, phones.get((day - 1) % 3),
						"2026/05/%02d 10:00".formatted(day - 1)));
			}
		}
		csv.append("%s-3,%s,2026/05/20 10:00,HC-4001,-1,99.50\n".formatted(prefix, phones.get(0)));
		return csv.toString();
	}

	private String startImport(String csv) {
		return upload(null, csv).expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody()
			.get("id").toString();
	}

	private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec upload(String resume, String csv) {
		return http().post()
			.uri(builder -> builder.path("/api/import/orders").queryParam("fileName", "orders.csv")
				.queryParam("mapping", "{mapping}").queryParam("loyalty", "LIVE")
				.queryParamIfPresent("resume", java.util.Optional.ofNullable(resume)).build(MAPPING))
			.header("Authorization", "Bearer " + token("crm"))
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8))
			.exchange();
	}

}
