package io.membergraph.member.internal;

import io.membergraph.member.Member;
import org.springframework.data.mongodb.repository.MongoRepository;

public interface MemberRepository extends MongoRepository<Member, String>, MemberRepositoryCustom {
}
