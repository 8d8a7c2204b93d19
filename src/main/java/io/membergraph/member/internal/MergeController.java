package io.membergraph.member.internal;

import java.util.List;
import java.util.Map;

import io.membergraph.member.Member;
import io.membergraph.member.MemberBatches;
import io.membergraph.member.MemberDirectory;
import io.membergraph.member.MemberMerge.MergeMembersInput;
import io.membergraph.member.MemberMerge.MergePayload;
import io.membergraph.member.MemberMerge;
import io.membergraph.member.MemberStatus;
import io.membergraph.shared.InvalidInputException;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

@Controller
public class MergeController {

	private final MemberMerge merge;

	private final MemberDirectory directory;

	MergeController(MemberMerge merge, MemberDirectory directory) {
		this.merge = merge;
		this.directory = directory;
	}

	@MutationMapping
	MergePayload mergeMembers(@Argument MergeMembersInput input) {
		return merge.merge(input);
	}

	@QueryMapping
	List<MemberMergeRecord> memberMerges(@Argument String memberId, @Argument Integer first) {
		return merge.history(memberId, InvalidInputException.between("first", first, 20, 1, 200));
	}

	@SchemaMapping(typeName = "MemberMerge")
	Member mergedMember(MemberMergeRecord record) {
		return directory.visible(record.merged(), "memberMerges");
	}

	@SchemaMapping(typeName = "MemberMerge")
	Map<String, Map<String, Object>> moved(MemberMergeRecord record) {
		return record.moved() == null ? Map.of() : record.moved();
	}

	/** The survivors of a page's merged members in one lookup (a query per hop of a chain of merges). */
	@BatchMapping(typeName = "Member")
	Map<Member, String> mergedInto(List<Member> members) {
		List<String> merged = members.stream().filter(m -> m.status() == MemberStatus.MERGED).map(Member::id).toList();
		return MemberBatches.byMember(members, merged.isEmpty() ? Map.of() : directory.currentIds(merged), null);
	}

}
