package io.membergraph.member;

import org.springframework.data.mongodb.repository.MongoRepository;

interface MemberRepository extends MongoRepository<Member, String>, MemberRepositoryCustom {
}
