package io.membergraph.graphql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.IntStream;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole shown somewhere less the parts shown must not tell a small group: a small count's group withholds a count
 * it would have shown beside it, and no row or column of a table is left withholding a single count.
 */
class SmallGroupsComplementsTests {

	record Cell(String from, String to, int members) {

		public double share() {
			return members / 100.0;
		}

	}

	record Table(int members, List<Cell> cells) {
	}

	record Cohort(String month, String channel, int size, List<Integer> retained) {

		public List<Double> rates() {
			return retained.stream().map(r -> r / (double) size).toList();
		}

	}

	record Nps(int responses, int promoters, int passives, int detractors) {

		public double nps() {
			return 100.0 * (promoters - detractors) / responses;
		}

	}

	record Figures(int newCustomers, int returningCustomers, double gmv) {

		public int customers() {
			return newCustomers + returningCustomers;
		}

	}

	record KpiRow(String start, String group, Figures figures) {
	}

	record Step(String type, int reached) {
	}

	record Funnel(String group, int entered, List<Step> steps) {
	}

	record Split(int treated, int control) {

		public double controlShare() {
			return control / (double) (treated + control);
		}

	}

	private static final String SCHEMA = """
			directive @groupFigure(restsOn: String) on FIELD_DEFINITION
			directive @groupParts(counts: String, within: String, whole: Boolean = true) on OBJECT | FIELD_DEFINITION
			type Query {
			  table: Table  split: Split  series: [Cell!]!  cohorts: [Cohort!]! @groupParts(within: "month")  nps: [Nps!]!
			  kpis: [KpiRow!]! @groupParts(within: "start")  funnels: [Funnel!]!
			}
			type Funnel { group: String  entered: Int @groupFigure  steps: [Step!]! @groupParts(whole: false) }
			type Step { type: String  reached: Int @groupFigure }
			type KpiRow { start: String  group: String  figures: Figures }
			type Figures @groupParts(counts: "newCustomers, returningCustomers") {
			  customers: Int @groupFigure  newCustomers: Int @groupFigure  returningCustomers: Int @groupFigure
			  gmv: Float @groupFigure(restsOn: "customers")
			}
			type Nps @groupParts(counts: "promoters, passives, detractors") {
			  responses: Int @groupFigure  promoters: Int @groupFigure(restsOn: "responses, promoters")
			  passives: Int @groupFigure(restsOn: "responses, passives")
			  detractors: Int @groupFigure(restsOn: "responses, detractors")
			  nps: Float @groupFigure(restsOn: "responses, promoters, passives, detractors")
			}
			type Cohort {
			  month: String  channel: String  size: Int @groupFigure  retained: [Int] @groupFigure
			  rates: [Float] @groupFigure(restsOn: "retained, size")
			}
			type Table { members: Int @groupFigure  cells: [Cell!]! @groupParts(within: "from, to") }
			type Cell { from: String  to: String  members: Int @groupFigure  share: Float @groupFigure(restsOn: "members") }
			type Split @groupParts(counts: "treated, control") {
			  treated: Int @groupFigure  control: Int @groupFigure  controlShare: Float @groupFigure(restsOn: "control")
			}
			""";

	private Table table;

	private Split split;

	private List<Cell> series;

	private List<Cohort> cohorts;

	private List<Nps> nps;

	private List<KpiRow> kpis;

	private List<Funnel> funnels;

	private final GraphQL graphQl = GraphQL.newGraphQL(new SchemaGenerator().makeExecutableSchema(
			new SchemaParser().parse(SCHEMA),
			RuntimeWiring.newRuntimeWiring().type("Query", type -> type.dataFetcher("table", environment -> table)
				.dataFetcher("split", environment -> split)
				.dataFetcher("series", environment -> series)
				.dataFetcher("cohorts", environment -> cohorts)
				.dataFetcher("nps", environment -> nps)
				.dataFetcher("kpis", environment -> kpis)
				.dataFetcher("funnels", environment -> funnels)).build()))
		.instrumentation(new SmallGroups(5))
		.build();

	@Test
	void aTableOfMovesWithholdsBesideItsSmallCellSoNoRowOrColumnTellsIt() {
		// Lifecycle moves of a province as the demo shows them: ACTIVE to LAPSED is 3.
		table = new Table(709, List.of(new Cell("PROSPECT", "NEW", 5), new Cell("NEW", "ACTIVE", 14),
				new Cell("NEW", "AT_RISK", 7), new Cell("ACTIVE", "ACTIVE", 165), new Cell("ACTIVE", "AT_RISK", 90),
				new Cell("ACTIVE", "LAPSED", 3), new Cell("AT_RISK", "ACTIVE", 14), new Cell("AT_RISK", "LAPSED", 37),
				new Cell("LAPSED", "LAPSED", 50)));

		Map<String, Object> shown = cellsShown(hiddenFromCaller("{ table { members cells { from to members share } } }"));

		assertThat(shown).containsEntry("ACTIVE>LAPSED", null)
			.containsEntry("ACTIVE>AT_RISK", null)
			.containsEntry("AT_RISK>LAPSED", null)
			.containsEntry("AT_RISK>ACTIVE", null)
			.containsEntry("NEW>ACTIVE", null)
			.containsEntry("NEW>AT_RISK", null)
			.containsEntry("ACTIVE>ACTIVE", 165)
			.containsEntry("LAPSED>LAPSED", 50)
			.containsEntry("PROSPECT>NEW", 5);
		// Each row and column of the six withheld holds two of them: the 3 could be anything from 0 to 17.
		assertNoGroupTellsAWithheldCount(table.cells(), shown);
	}

	@Test
	void theFiguresRestingOnACountWithheldBesideASmallOneAreWithheldToo() {
		table = new Table(20, List.of(new Cell("A", "B", 3), new Cell("A", "C", 17)));

		ExecutionResult result = hiddenFromCaller("{ table { cells { members share } } }");

		assertThat(result.<Map<String, Object>>getData().toString())
			.isEqualTo("{table={cells=[{members=null, share=null}, {members=null, share=null}]}}");
		assertThat(result.getExtensions().get("privacy").toString()).contains("/table/cells[1]/members",
				"/table/cells[1]/share");
	}

	@Test
	void randomTablesNeverLeaveARowOrColumnWithASingleCountWithheld() {
		Random random = new Random(17);
		String[] stages = { "A", "B", "C", "D", "E", "F" };
		for (int round = 0; round < 300; round++) {
			List<Cell> cells = new ArrayList<>();
			for (String from : stages) {
				for (String to : stages) {
					int kind = random.nextInt(4);
					if (kind > 0) {
						cells.add(new Cell(from, to, kind == 1 ? 1 + random.nextInt(4) : 5 + random.nextInt(200)));
					}
				}
			}
			table = new Table(cells.stream().mapToInt(Cell::members).sum(), cells);

			Map<String, Object> shown = cellsShown(hiddenFromCaller("{ table { cells { from to members } } }"));

			assertThat(shown).as("round %d", round).hasSize(cells.size());
			for (Cell cell : cells) {
				Object count = shown.get(cell.from() + ">" + cell.to());
				assertThat(count == null || count.equals(cell.members())).as("shown as it is").isTrue();
				if (cell.members() < 5) {
					assertThat(count).as("round %d: a small cell", round).isNull();
				}
			}
			assertNoGroupTellsAWithheldCount(cells, shown);
		}
	}

	@Test
	void anObjectsPartsWithholdEachOtherWhenOneIsSmall() {
		split = new Split(97, 3);

		ExecutionResult result = hiddenFromCaller("{ split { treated control controlShare } }");

		assertThat(result.<Map<String, Object>>getData().toString())
			.isEqualTo("{split={treated=null, control=null, controlShare=null}}");

		split = new Split(95, 5);
		assertThat(hiddenFromCaller("{ split { treated control } }").<Map<String, Object>>getData().toString())
			.isEqualTo("{split={treated=95, control=5}}");
	}

	@Test
	void aSeriesWithASmallCountWithholdsItsSmallestOtherCountAlthoughAliased() {
		series = List.of(new Cell("2026-01", null, 40), new Cell("2026-02", null, 2), new Cell("2026-03", null, 9),
				new Cell("2026-04", null, 0));

		ExecutionResult result = hiddenFromCaller("{ series { from n: members } }");

		assertThat(result.<Map<String, Object>>getData().toString()).isEqualTo(
				"{series=[{from=2026-01, n=40}, {from=2026-02, n=null}, {from=2026-03, n=null}, {from=2026-04, n=0}]}");
	}

	@Test
	void aMonthsCohortsByChannelWithholdBesideASmallCountAtEachOffset() {
		// A month's buyers by channel; the month's cohort of all channels, asked without the split, is their sum.
		cohorts = List.of(new Cohort("2026-01", "WEB", 40, List.of(40, 3, 10)),
				new Cohort("2026-01", "APP", 30, List.of(30, 12, 2)),
				new Cohort("2026-01", "STORE", 20, List.of(20, 8, 9)),
				new Cohort("2026-02", "WEB", 9, List.of(9, 7)));

		ExecutionResult result = hiddenFromCaller("{ cohorts { channel size retained rates } }");

		assertThat(result.<Map<String, Object>>getData().toString()).isEqualTo("{cohorts=["
				+ "{channel=WEB, size=40, retained=[40, null, 10], rates=[1.0, null, 0.25]}, "
				+ "{channel=APP, size=30, retained=[30, 12, null], rates=[1.0, 0.4, null]}, "
				+ "{channel=STORE, size=20, retained=[20, null, null], rates=[1.0, null, null]}, "
				+ "{channel=WEB, size=9, retained=[9, 7], rates=[1.0, 0.7777777777777778]}]}");
	}

	@Test
	void aRowsPartsAndTheRowsOfAListWithholdTogether() {
		// Three promoters in the first channel: its responses less the rest would tell them, and so would all channels'
		// promoters less the second's, which the second's responses less the rest would tell in turn.
		nps = List.of(new Nps(20, 3, 10, 7), new Nps(30, 15, 10, 5));

		ExecutionResult result = hiddenFromCaller("{ nps { responses promoters passives detractors nps } }");

		assertThat(result.<Map<String, Object>>getData().toString()).isEqualTo("{nps=["
				+ "{responses=20, promoters=null, passives=10, detractors=null, nps=null}, "
				+ "{responses=30, promoters=null, passives=10, detractors=null, nps=null}]}");

		// Withheld beside the first row's promoters, its 7 detractors would be all detractors less the second row's 15,
		// so those are withheld too, and so on until no row or column holds a single count withheld.
		nps = List.of(new Nps(20, 3, 10, 7), new Nps(30, 10, 5, 15));

		assertThat(hiddenFromCaller("{ nps { responses promoters passives detractors } }").<Map<String, Object>>getData()
			.toString()).isEqualTo("{nps=[{responses=20, promoters=null, passives=null, detractors=null}, "
					+ "{responses=30, promoters=null, passives=null, detractors=null}]}");
	}

	@Test
	void theFiguresOfARowsNestedObjectWithholdAcrossTheRowsOfOnePeriod() {
		// January by channel: A's 3 customers and their sales would be January's less B's.
		kpis = List.of(new KpiRow("2026-01", "A", new Figures(1, 2, 300)), new KpiRow("2026-01", "B", new Figures(5, 7, 900)),
				new KpiRow("2026-02", "A", new Figures(8, 12, 2000)));

		ExecutionResult result = hiddenFromCaller("{ kpis { group figures { customers newCustomers returningCustomers gmv } } }");

		assertThat(result.<Map<String, Object>>getData().toString()).isEqualTo("{kpis=["
				+ "{group=A, figures={customers=null, newCustomers=null, returningCustomers=null, gmv=null}}, "
				+ "{group=B, figures={customers=null, newCustomers=null, returningCustomers=null, gmv=null}}, "
				+ "{group=A, figures={customers=20, newCustomers=8, returningCustomers=12, gmv=2000.0}}]}");
	}

	@Test
	void aFunnelSplitByChannelWithholdsAStepAcrossTheChannelsButNotAlongItsSteps() {
		// 3 of WEB's visitors reached the third step: all channels' less APP's and STORE's would tell them, so
		// STORE's is withheld beside them.
		funnels = List.of(new Funnel("WEB", 40, steps(40, 20, 3)), new Funnel("APP", 30, steps(30, 12, 8)),
				new Funnel("STORE", 20, steps(20, 9, 6)));

		ExecutionResult result = hiddenFromCaller("{ funnels { group entered steps { reached } } }");

		assertThat(result.<Map<String, Object>>getData().toString()).isEqualTo("{funnels=["
				+ "{group=WEB, entered=40, steps=[{reached=40}, {reached=20}, {reached=null}]}, "
				+ "{group=APP, entered=30, steps=[{reached=30}, {reached=12}, {reached=8}]}, "
				+ "{group=STORE, entered=20, steps=[{reached=20}, {reached=9}, {reached=null}]}]}");

		// A funnel's steps are no parts of a whole: the last ones, too few, are withheld and no step beside them.
		funnels = List.of(new Funnel(null, 200, steps(200, 120, 40, 4, 3)));
		assertThat(hiddenFromCaller("{ funnels { steps { reached } } }").<Map<String, Object>>getData().toString())
			.isEqualTo("{funnels=[{steps=[{reached=200}, {reached=120}, {reached=40}, {reached=null}, {reached=null}]}]}");
	}

	private static List<Step> steps(int... reached) {
		return IntStream.range(0, reached.length).mapToObj(i -> new Step("S" + i, reached[i])).toList();
	}

	@Test
	void aCallerWithFullMemberAccessSeesEveryCount() {
		split = new Split(97, 3);
		table = new Table(20, List.of(new Cell("A", "B", 3), new Cell("A", "C", 17)));

		ExecutionResult result = graphQl.execute(ExecutionInput.newExecutionInput(
				"{ split { treated control } table { cells { members } } }").build());

		assertThat(result.<Map<String, Object>>getData().toString())
			.isEqualTo("{split={treated=97, control=3}, table={cells=[{members=3}, {members=17}]}}");
	}

	private ExecutionResult hiddenFromCaller(String query) {
		ExecutionResult result = graphQl.execute(ExecutionInput.newExecutionInput(query)
			.graphQLContext(Map.of(SmallGroups.HIDDEN_FROM_CALLER, true))
			.build());
		assertThat(result.getErrors()).isEmpty();
		return result;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> cellsShown(ExecutionResult result) {
		Map<String, Object> data = result.getData();
		List<Map<String, Object>> cells = (List<Map<String, Object>>) ((Map<String, Object>) data.get("table"))
			.get("cells");
		Map<String, Object> shown = new HashMap<>();
		cells.forEach(cell -> shown.put(cell.get("from") + ">" + cell.get("to"), cell.get("members")));
		return shown;
	}

	/** Each row, column and the whole table withholds none of its counts, or two or more and one not small. */
	private static void assertNoGroupTellsAWithheldCount(List<Cell> cells, Map<String, Object> shown) {
		List<Function<Cell, String>> groupings = List.of(Cell::from, Cell::to, cell -> "all");
		for (Function<Cell, String> grouping : groupings) {
			Map<String, List<Cell>> groups = new HashMap<>();
			cells.forEach(cell -> groups.computeIfAbsent(grouping.apply(cell), k -> new ArrayList<>()).add(cell));
			groups.forEach((key, group) -> {
				List<Cell> withheld = group.stream().filter(cell -> shown.get(cell.from() + ">" + cell.to()) == null)
					.toList();
				boolean othersShown = group.stream()
					.anyMatch(cell -> cell.members() > 0 && shown.get(cell.from() + ">" + cell.to()) != null);
				if (!withheld.isEmpty() && othersShown) {
					assertThat(withheld).as("group %s", key).hasSizeGreaterThanOrEqualTo(2);
					assertThat(withheld).as("group %s", key).anyMatch(cell -> cell.members() >= 5);
				}
			});
		}
	}

}
