package org.dsrpipeline.request;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.data.jpa.repository.JpaRepository;

public interface DataSubjectRequestRepository extends JpaRepository<DataSubjectRequest, Long> {

  Optional<DataSubjectRequest> findByReference(String reference);

  /** By lower(email), the expression PostgreSQL indexes (dsr_request_email_lower_idx). */
  @Query("select r from DataSubjectRequest r where lower(r.email) = lower(:email) order by r.receivedAt desc")
  List<DataSubjectRequest> findByEmailIgnoreCaseOrderByReceivedAtDesc(@Param("email") String email);
}
