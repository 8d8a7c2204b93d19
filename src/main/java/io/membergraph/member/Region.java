package io.membergraph.member;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a member lives: province and city, as segments and analyses compare them. Both are kept without their
 * suffixes ({@code 广东}, {@code 广州}), whatever the storefront, the API or an import wrote, so that one place is one
 * value.
 */
public record Region(String province, String city) {

	private static final Pattern PROVINCE_SUFFIX = Pattern.compile("(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$");

	/**
	 * Province and city as the member record keeps them: {@code 广东省}/{@code 广州市} become {@code 广东}/{@code 广州}.
	 * Chinese shop systems (Youzan, Weimob, Taobao's addresses) export the whole place in one column, {@code 广东省
	 * 广州市 天河区} or {@code 广东省广州市天河区}: mapped to either field, it gives both.
	 */
	public static Region of(String province, String city) {
		String p = blankToNull(province);
		String c = blankToNull(city);
		if (p == null && c == null) {
			return null;
		}
		String[] wholeP = p == null ? null : wholePlace(p);
		String[] wholeC = c == null ? null : wholePlace(c);
		String provinceName = wholeP != null ? wholeP[0] : p != null ? p : wholeC != null ? wholeC[0] : null;
		String cityName = wholeC != null ? wholeC[1] : c != null ? c : wholeP != null ? wholeP[1] : null;
		return new Region(provinceName == null ? null : PROVINCE_SUFFIX.matcher(provinceName).replaceAll(""),
				cityName == null || cityName.length() <= 2 ? cityName : cityName.replaceAll("市$", ""));
	}

	private static final Pattern CHINESE_NAME = Pattern.compile("\\p{IsHan}+");

	/** A province (a municipality is its own city) and, when one follows it, a city; the district and street after. */
	private static final Pattern WHOLE_PLACE = Pattern.compile("(北京市|上海市|天津市|重庆市|\\p{IsHan}+?省|\\p{IsHan}+?自治区"
			+ "|\\p{IsHan}+?特别行政区)(\\p{IsHan}+?(?:市|自治州|地区|盟))?(.*)");

	/**
	 * Province and city of a Chinese place written whole, parts apart ({@code 广东省 广州市 天河区}) or together
	 * ({@code 广东省广州市}, {@code 北京市朝阳区}); null for anything else: a province alone, a name that is no place.
	 */
	private static String[] wholePlace(String text) {
		String[] parts = text.split("\\s+");
		if (parts.length > 1) {
			return CHINESE_NAME.matcher(parts[0]).matches() && CHINESE_NAME.matcher(parts[1]).matches()
					? new String[] { parts[0], parts[1] } : null;
		}
		Matcher place = WHOLE_PLACE.matcher(text);
		if (!place.matches()) {
			return null;
		}
		if (place.group(2) != null) {
			return new String[] { place.group(1), place.group(2) };
		}
		boolean municipality = place.group(1).length() == 3 && place.group(1).endsWith("市");
		return municipality && !place.group(3).isEmpty() && CHINESE_NAME.matcher(place.group(3).substring(0, 1)).matches()
				? new String[] { place.group(1), place.group(1) } : null;
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
