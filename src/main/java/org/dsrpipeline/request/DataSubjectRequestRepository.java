package org.dsrpipeline.request;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * Lookups by address compare {@code lower(email)}, the expression PostgreSQL indexes
 * ({@code dsr_request_email_lower_idx}); Spring Data's derived "IgnoreCase" would compare upper(email).
 */
public interface DataSubjectRequestRepository extends JpaRepository<DataSubjectRequest, Long> {

  Optional<DataSubjectRequest> findByReference(String reference);

  @Query("select r from DataSubjectRequest r where lower(r.email) = lower(:email) order by r.receivedAt desc")
  List<DataSubjectRequest> findByEmailIgnoreCaseOrderByReceivedAtDesc(@Param("email") String email);

  @Query("select count(r) from DataSubjectRequest r where lower(r.email) = lower(:email) and r.identityVerifiedAt is not null")
  long countByEmailIgnoreCaseAndIdentityVerifiedAtIsNotNull(@Param("email") String email);

  @Query("select count(r) from DataSubjectRequest r where lower(r.email) = lower(:email) and r.identityVerifiedAt is null")
  long countByEmailIgnoreCaseAndIdentityVerifiedAtIsNull(@Param("email") String email);

  @Query("""
      select r from DataSubjectRequest r where lower(r.email) = lower(:email) and r.identityVerifiedAt is not null
      order by r.receivedAt desc""")
  List<DataSubjectRequest> findConfirmedByEmail(@Param("email") String email, Pageable page);

  default List<DataSubjectRequest> findFirst10ByEmailIgnoreCaseAndIdentityVerifiedAtIsNotNullOrderByReceivedAtDesc(
      String email) {
    return findConfirmedByEmail(email, PageRequest.of(0, 10));
  }
}
