package faultline.grader.store;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The append-only audit log; triggers in the schema refuse updates and deletes. */
@RegisterConstructorMapper(AuditEntry.class)
public interface AuditLog {

    @SqlUpdate("INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (:at, :actor, :action, :subject, :detail)")
    void append(@Bind("at") Instant at, @Bind("actor") String actor, @Bind("action") String action,
                @Bind("subject") String subject, @Bind("detail") String detail);

    @SqlQuery("SELECT * FROM audit_log ORDER BY id")
    List<AuditEntry> all();
}
