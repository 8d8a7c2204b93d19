package io.membergraph.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import io.membergraph.ApplicationTest;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A POS system's member export saved from Excel loads as it is, .xlsx and all: no "save as CSV" first, and the
 * phone numbers and dates Excel typed as numbers load as the people who typed them meant.
 */
class WorkbookImportTests extends ApplicationTest {

	private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	private static final String MAPPING = """
			{"name":"会员姓名","phone":"手机号","joinedAt":"注册时间","joinChannel":{"value":"STORE"}}""";

	/** Saved by today's Excel or by Excel 97-2003 (older back offices' exports), the same sheet loads the same. */
	@ParameterizedTest
	@CsvSource({ "会员.xlsx, " + XLSX + ", XLSX", "会员.xls, application/vnd.ms-excel, XLS" })
	void anExcelMemberExportLoadsWithItsNumbersAndDatesAsExcelShowsThem(String fileName, String contentType, String format)
			throws IOException {
		String phone = newPhone();
		byte[] workbook;
		try (org.apache.poi.ss.usermodel.Workbook excel = format.equals("XLS") ? new HSSFWorkbook() : new XSSFWorkbook()) {
			workbook = members(phone, excel);
		}

		String job = http().post().uri("/api/import/members?fileName={f}&mapping={m}", Map.of("f", fileName, "m", MAPPING))
			.header("Authorization", "Bearer " + token("crm"))
			.contentType(MediaType.parseMediaType(contentType))
			.bodyValue(workbook)
			.exchange().expectStatus().isAccepted()
			.expectBody(Map.class).returnResult().getResponseBody().get("id").toString();

		awaitImport(job).path("importJob.status").entity(String.class).isEqualTo("COMPLETED")
			.path("importJob.format").entity(String.class).isEqualTo(format)
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(1)
			.path("importJob.rowsRejected").entity(Integer.class).isEqualTo(1)
			.path("importJob.progress").entity(Double.class).isEqualTo(1.0);
		as("crm").documentName("importRejects").variable("jobId", job).execute()
			.path("importRejects.edges[0].node.row").entity(Integer.class).isEqualTo(2)
			.path("importRejects.edges[0].node.field").entity(String.class).isEqualTo("phone")
			.path("importRejects.edges[0].node.value").entity(String.class).isEqualTo("12345");
		String id = as("crm").documentName("memberByContact").variable("phone", phone).execute()
			.path("memberByContact.id").entity(String.class).get();
		// Shanghai's 10:42 on the day Excel shows.
		as("crm").documentName("memberProfile").variable("id", id).execute()
			.path("member.name").entity(String.class).isEqualTo("王 小明")
			.path("member.joinedAt").entity(String.class).isEqualTo("2024-03-01T02:42:09Z");
	}

	@Test
	void theConsolesMultipartUploadOfAWorkbookGivesItsColumnsBeforeAnyRowIsLoaded() throws IOException {
		MultipartBodyBuilder form = new MultipartBodyBuilder();
		form.part("file", new ByteArrayResource(members(newPhone()))).filename("members.xlsx")
			.contentType(MediaType.parseMediaType(XLSX));
		form.part("mapping", "{}");

		http().post().uri("/api/import/members/layout")
			.header("Authorization", "Bearer " + token("crm"))
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.bodyValue(form.build())
			.exchange().expectStatus().isOk()
			.expectBody()
			.jsonPath("$.columns").isEqualTo(List.of("会员姓名", "手机号", "注册时间"))
			.jsonPath("$.problems[*].field").isEqualTo(List.of("mapping.name", "mapping.joinChannel"));
	}

	@Test
	void aSheetTheWorkbookDoesNotHaveIsRefusedBeforeAnyRowNamingItsSheets() throws IOException {
		http().post().uri("/api/import/members?fileName=members.xlsx&sheet=Kunden&mapping={m}", Map.of("m", MAPPING))
			.header("Authorization", "Bearer " + token("crm"))
			.contentType(MediaType.parseMediaType(XLSX))
			.bodyValue(members(newPhone()))
			.exchange().expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.problems[0].reason").value(reason -> org.assertj.core.api.Assertions.assertThat((String) reason)
				.contains("no sheet 'Kunden'; its sheets are [会员]"));
	}

	/**
	 * What an ".xls" holds decides how it is read: many systems' "export to Excel" write tab-separated text, a web
	 * page's table or an .xlsx under that name; a web page without a table fails saying what to do.
	 */
	@Test
	void anXlsFileIsReadAsWhatItHolds() throws IOException {
		String textPhone = newPhone();
		String xlsxPhone = newPhone();
		byte[] text = ("会员姓名\t手机号\t注册时间\n张 三\t" + textPhone + "\t2024-03-01 10:42:09\n")
			.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		byte[] xlsx = members(xlsxPhone);
		String pagePhone = newPhone();
		byte[] table = ("<html><body><table><tr><th>会员姓名</th><th>手机号</th><th>注册时间</th></tr><tr><td>钱 网页</td><td>"
				+ pagePhone + "</td><td>2024-03-01 10:42:09</td></tr></table></body></html>")
			.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		byte[] page = "<html><body><p>导出失败，请重试</p></body></html>".getBytes(java.nio.charset.StandardCharsets.UTF_8);

		assertThat(importedXls(text)).isEqualTo("COMPLETED 1");
		assertThat(importedXls(xlsx)).isEqualTo("COMPLETED 1");
		assertThat(importedXls(table)).isEqualTo("COMPLETED 1");
		as("crm").documentName("memberByContact").variable("phone", pagePhone).execute()
			.path("memberByContact.name").entity(String.class).isEqualTo("钱 网页");
		as("crm").documentName("memberByContact").variable("phone", textPhone).execute()
			.path("memberByContact.name").entity(String.class).isEqualTo("张 三");
		// The header is read before the job is taken: the file is refused there, with the reason.
		http().post().uri("/api/import/members")
			.header("Authorization", "Bearer " + token("crm"))
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.bodyValue(form(page).build())
			.exchange().expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.problems[0].reason").value(reason -> assertThat((String) reason)
				.contains("a web page without a table, or Excel 2003's XML, under an Excel name")
				.contains("save it as .xlsx or CSV"));
	}

	private String importedXls(byte[] file) {
		String job = upload(file);
		return awaitImport(job).path("importJob.status").entity(String.class).get() + " "
				+ awaitImport(job).path("importJob.rowsLoaded").entity(Integer.class).get();
	}

	private static MultipartBodyBuilder form(byte[] file) {
		MultipartBodyBuilder form = new MultipartBodyBuilder();
		form.part("file", new ByteArrayResource(file)).filename("export.xls")
			.contentType(MediaType.parseMediaType("application/vnd.ms-excel"));
		form.part("mapping", MAPPING);
		return form;
	}

	private String upload(byte[] file) {
		return http().post().uri("/api/import/members")
			.header("Authorization", "Bearer " + token("crm"))
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.bodyValue(form(file).build())
			.exchange().expectStatus().isAccepted()
			.expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
	}

	private static byte[] members(String phone) throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			return members(phone, workbook);
		}
	}

	/** One member as Excel keeps it (phone typed as a number, the join time a date cell) and one with a bad phone. */
	private static byte[] members(String phone, org.apache.poi.ss.usermodel.Workbook workbook) throws IOException {
		try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = workbook.createSheet("会员");
			CellStyle dateTime = workbook.createCellStyle();
			dateTime.setDataFormat(workbook.createDataFormat().getFormat("yyyy/m/d h:mm:ss"));
			Row header = sheet.createRow(0);
			header.createCell(0).setCellValue("会员姓名");
			header.createCell(1).setCellValue("手机号");
			header.createCell(2).setCellValue("注册时间");
			Row first = sheet.createRow(1);
			first.createCell(0).setCellValue("王 小明");
			first.createCell(1).setCellValue(Double.parseDouble(phone));
			Cell joined = first.createCell(2);
			joined.setCellValue(LocalDateTime.of(2024, 3, 1, 10, 42, 9));
			joined.setCellStyle(dateTime);
			Row second = sheet.createRow(2);
			second.createCell(0).setCellValue("错 号码");
			second.createCell(1).setCellValue(12345);
			workbook.write(out);
			return out.toByteArray();
		}
	}

}
