package dev.parley.conversation.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.contracts.audit.AuditDetails;
import dev.parley.contracts.audit.AuditEvent;
import dev.parley.contracts.ids.UuidV7;
import dev.parley.contracts.problem.Problem;
import dev.parley.contracts.problem.ProblemKind;
import dev.parley.conversation.client.Redactor;
import dev.parley.conversation.config.ConversationConfig;
import dev.parley.conversation.domain.Conversation;
import dev.parley.conversation.domain.Message;
import dev.parley.conversation.domain.PageContext;
import dev.parley.conversation.repository.ConversationRepository;
import dev.parley.conversation.repository.ConversationRepository.NewMessage;
import dev.parley.conversation.repository.PageContextRepository;
import dev.parley.platform.audit.AuditOutbox;
import dev.parley.platform.security.Caller;
import dev.parley.platform.web.ProblemException;
import dev.parley.platform.web.ProblemResponses;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The conversation use cases. Every one is scoped to the caller's tenant and subject; another tenant's or user's
 * conversation answers 404. Every state change commits with its audit event (and lifecycle event) in the outbox.
 */
@ApplicationScoped
public class Conversations {

    private static final String NOT_FOUND = "No conversation of yours has this id.";
    private static final int TITLE_CHARS = 80;

    private static final int LABEL_CHARS = 128;
    private static final int JSON_CHARS = 64 * 1024;

    /** Conversations per page of the list when the caller asks for no limit. */
    public static final int DEFAULT_PAGE = 20;

    private final Pool pool;
    private final ConversationRepository repository;
    private final PageContextRepository pageContextRepository;
    private final PageContexts pageContexts;
    private final TokenCheck tokenCheck;
    private final Redactor redactor;
    private final AuditOutbox outbox;
    private final ConversationEvents events;
    private final ConversationConfig config;

    public Conversations(Pool pool, ConversationRepository repository, PageContextRepository pageContextRepository,
            PageContexts pageContexts, TokenCheck tokenCheck, Redactor redactor, AuditOutbox outbox,
            ConversationEvents events, ConversationConfig config) {
        this.pool = pool;
        this.repository = repository;
        this.pageContextRepository = pageContextRepository;
        this.pageContexts = pageContexts;
        this.tokenCheck = tokenCheck;
        this.redactor = redactor;
        this.outbox = outbox;
        this.events = events;
        this.config = config;
    }

    /** A conversation handed to the browser: its id and a fresh token. */
    public record Opened(Conversation conversation, String token, boolean reused, PageContextRepository.StoredPageContext pageContext) {}

    /** A conversation with its newest messages. */
    public record Loaded(Conversation conversation, List<Message> messages, PageContextRepository.StoredPageContext pageContext, String token) {}

    /** The sequence numbers a turn got, and the fresh token. */
    public record Appended(List<Long> seqs, String token) {}

    /**
     * Opens a conversation. In page mode the owner's active conversation of that page is reused; otherwise, and when
     * there is none, a new one starts. A page context is redacted before anything is stored (fail closed).
     */
    public Uni<Opened> open(Caller caller, String workspaceId, Conversation.Mode mode, JsonNode rawContext, String caseId) {
        if (!caller.mayUse(workspaceId)) {
            throw new ProblemException(ProblemKind.FORBIDDEN, "The token does not grant workspace " + workspaceId + ".");
        }
        if (mode == Conversation.Mode.PAGE && rawContext == null) {
            throw invalid("pageContext", "is required in page mode");
        }
        PageContext context = rawContext == null ? null : pageContexts.normalize(rawContext, "pageContext", mode == Conversation.Mode.PAGE);
        Uni<Optional<PageContexts.Prepared>> prepared = context == null ? Uni.createFrom().item(Optional.empty())
                : pageContexts.prepare(caller, mode, context, false).map(Optional::of);
        return prepared.flatMap(ready -> pool.withTransaction(tx -> {
            Instant now = now();
            Uni<Optional<Conversation>> existing = mode == Conversation.Mode.PAGE
                    ? repository.lockPage(tx, caller.tenantHash(), caller.subjectHash(), workspaceId, context.pageKey())
                            .chain(() -> repository.findPage(tx, caller.tenantHash(), caller.subjectHash(), workspaceId,
                                    context.pageKey(), now))
                    : Uni.createFrom().item(Optional.empty());
            return existing.flatMap(found -> found.isPresent()
                    ? Uni.createFrom().item(new Opened(found.get(), null, true, null))
                    : create(tx, caller, workspaceId, mode, context, caseId, now))
                    .flatMap(opened -> ready.isEmpty() ? Uni.createFrom().item(opened)
                            : pageContexts.store(tx, caller, opened.conversation().id(), ready.get(), false)
                                    .chain(() -> pageContextRepository.find(tx, opened.conversation().id()))
                                    .map(stored -> new Opened(opened.conversation(), null, opened.reused(), stored.orElse(null))));
        })).map(opened -> new Opened(opened.conversation(), tokenCheck.issue(caller, opened.conversation().id()),
                opened.reused(), opened.pageContext()));
    }

    private Uni<Opened> create(SqlConnection tx, Caller caller, String workspaceId, Conversation.Mode mode,
            PageContext context, String caseId, Instant now) {
        Conversation conversation = new Conversation(UuidV7.next(), caller.tenantHash(), caller.subjectHash(), workspaceId,
                mode, context == null ? null : context.pageKey(), context == null ? null : context.resourceType(),
                context == null ? null : context.resourceId(), null, caseId, 0, now, now, expiry(now));
        return repository.insert(tx, conversation)
                .call(() -> audit(tx, caller, "conversation.created", conversation.id(),
                        AuditDetails.builder().kind("mode", mode).flag("pageContext", context != null).build()))
                .call(() -> events.add(tx, "created", caller.tenantHash(), caller.subjectHash(), conversation.id(),
                        workspaceId, null, null, ProblemResponses.currentRequestId()))
                .replaceWith(new Opened(conversation, null, false, null));
    }

    /** The page-refresh path: the token's conversation with its newest messages, and a fresh token. Audited. */
    public Uni<Loaded> restore(Caller caller, String token, Integer limit) {
        int count = limit(limit, config.messages().restoreLimit());
        return tokenCheck.conversationOf(caller, token, null).flatMap(id -> pool.withTransaction(tx -> {
            Instant now = now();
            return repository.touch(tx, caller.tenantHash(), caller.subjectHash(), id, 0, now, expiry(now))
                    .flatMap(touched -> touched.isEmpty() ? Uni.createFrom().item(Optional.<Loaded>empty())
                            : load(tx, touched.get(), null, count)
                                    .call(loaded -> audit(tx, caller, "conversation.restored", id, AuditDetails.builder()
                                            .count("messages", loaded.messages().size()).build()))
                                    .map(Optional::of));
        }).flatMap(loaded -> loaded.isPresent()
                ? Uni.createFrom().item(withToken(caller, loaded.get()))
                : tokenCheck.gone(caller, id)));
    }

    /** The caller's conversation and one page of its messages (before {@code beforeSeq}, newest page first). */
    public Uni<Loaded> get(Caller caller, UUID id, Long beforeSeq, Integer limit) {
        int count = limit(limit, config.messages().restoreLimit());
        if (beforeSeq != null && beforeSeq < 1) {
            throw invalid("before", "must be a sequence number, 1 or more");
        }
        return pool.withConnection(connection -> repository.find(connection, caller.tenantHash(), caller.subjectHash(), id, now())
                .flatMap(found -> load(connection, found.orElseThrow(Conversations::notFound), beforeSeq, count)));
    }

    /** The last messages in chat order, for the model's context. */
    public Uni<List<Message>> history(Caller caller, UUID id, Integer limit) {
        int count = limit(limit, config.messages().historyLimit());
        return pool.withConnection(connection -> repository.find(connection, caller.tenantHash(), caller.subjectHash(), id, now())
                .flatMap(found -> repository.messages(connection, found.orElseThrow(Conversations::notFound).id(), null, count)));
    }

    /** One page of the caller's conversations in a workspace, newest first. */
    public Uni<List<Conversation>> list(Caller caller, String workspaceId, Instant beforeUpdatedAt, UUID beforeId, Integer limit) {
        if (!caller.mayUse(workspaceId)) {
            throw new ProblemException(ProblemKind.FORBIDDEN, "The token does not grant workspace " + workspaceId + ".");
        }
        return repository.list(pool, caller.tenantHash(), caller.subjectHash(), workspaceId, beforeUpdatedAt, beforeId,
                limit(limit, DEFAULT_PAGE), now());
    }

    /**
     * Appends a turn (the user's message and the reply, together) to the token's conversation, which must be
     * {@code id}: gap-free sequence numbers in one transaction, with a fresh token. The first user message, redacted
     * through compliance-service, then names an untitled conversation (best effort: without compliance the title
     * waits for the next turn).
     */
    public Uni<Appended> append(Caller caller, UUID id, String token, List<NewMessage> messages) {
        validate(messages);
        return tokenCheck.conversationOf(caller, token, id)
                .flatMap(ignored -> pool.withTransaction(tx -> {
                    Instant now = now();
                    return repository.touch(tx, caller.tenantHash(), caller.subjectHash(), id, messages.size(), now, expiry(now))
                            .flatMap(touched -> touched.isEmpty() ? Uni.createFrom().item(Optional.<Conversation>empty())
                                    : appendRows(tx, caller, id, touched.get().lastSeq() - messages.size() + 1, messages, now)
                                            .replaceWith(touched));
                }))
                .flatMap(touched -> touched.isEmpty() ? tokenCheck.<Conversation>gone(caller, id)
                        : Uni.createFrom().item(touched.get()))
                .call(conversation -> conversation.title() == null ? name(conversation, messages) : Uni.createFrom().voidItem())
                .map(conversation -> new Appended(seqs(conversation.lastSeq() - messages.size() + 1, messages.size()),
                        tokenCheck.issue(caller, id)));
    }

    private static List<Long> seqs(long first, int count) {
        List<Long> seqs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            seqs.add(first + i);
        }
        return seqs;
    }

    private Uni<Void> appendRows(SqlConnection tx, Caller caller, UUID id, long first, List<NewMessage> messages, Instant now) {
        return repository.append(tx, id, first, messages, now)
                .call(() -> audit(tx, caller, "conversation.turn.appended", id, AuditDetails.builder()
                        .count("messages", messages.size()).count("firstSeq", first)
                        .count("lastSeq", first + messages.size() - 1).build()));
    }

    /** Soft-deletes the caller's conversation: gone at once for every read, purged by the expiry job. */
    public Uni<Void> delete(Caller caller, UUID id) {
        return pool.withTransaction(tx -> repository.softDelete(tx, caller.tenantHash(), caller.subjectHash(), id, now())
                .flatMap(deleted -> {
                    if (!deleted) {
                        return Uni.createFrom().failure(notFound());
                    }
                    return audit(tx, caller, "conversation.deleted", id, AuditDetails.builder().build())
                            .call(() -> events.add(tx, "deleted", caller.tenantHash(), caller.subjectHash(), id, null,
                                    null, null, ProblemResponses.currentRequestId()));
                }));
    }

    /** Replaces the page context of the caller's conversation when it changed (or {@code force}). */
    public Uni<PageContextChange> putPageContext(Caller caller, UUID id, JsonNode rawContext, boolean force) {
        return pool.withConnection(connection -> repository.find(connection, caller.tenantHash(), caller.subjectHash(), id, now()))
                .map(found -> found.orElseThrow(Conversations::notFound))
                .flatMap(conversation -> {
                    PageContext context = pageContexts.normalize(rawContext, "pageContext", conversation.mode() == Conversation.Mode.PAGE);
                    return pageContexts.prepare(caller, conversation.mode(), context, force)
                            .flatMap(prepared -> pool.withTransaction(tx -> repository.touch(tx, caller.tenantHash(),
                                            caller.subjectHash(), id, 0, now(), expiry(now()))
                                    .flatMap(touched -> touched.isEmpty() ? Uni.createFrom().failure(notFound())
                                            : pageContexts.store(tx, caller, id, prepared, force)))
                                    .map(changed -> new PageContextChange(prepared.hash(), prepared.summary(), changed)));
                });
    }

    /** The outcome of a page context update. */
    public record PageContextChange(String contextHash, String summary, boolean changed) {}

    private Uni<Loaded> load(io.vertx.mutiny.sqlclient.SqlClient client, Conversation conversation, Long beforeSeq, int count) {
        return repository.messages(client, conversation.id(), beforeSeq, count)
                .flatMap(messages -> pageContextRepository.find(client, conversation.id())
                        .map(context -> new Loaded(conversation, messages, context.orElse(null), null)));
    }

    private Loaded withToken(Caller caller, Loaded loaded) {
        return new Loaded(loaded.conversation(), loaded.messages(), loaded.pageContext(),
                tokenCheck.issue(caller, loaded.conversation().id()));
    }

    /** Names an untitled conversation after its first user message, redacted; best effort. */
    private Uni<Void> name(Conversation conversation, List<NewMessage> messages) {
        Optional<NewMessage> firstUser = messages.stream().filter(m -> m.role().equals("user")).findFirst();
        if (firstUser.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String text = firstUser.get().content().strip();
        return redactor.redact(text.length() > 400 ? text.substring(0, 400) : text)
                .map(Conversations::titleOf)
                .flatMap(title -> title.isEmpty() ? Uni.createFrom().voidItem()
                        : repository.nameIfUntitled(pool, conversation.tenantHash(), conversation.owner(), conversation.id(), title.get()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** The first line of the redacted message, at most 80 characters, cut at a word when it can be. */
    static Optional<String> titleOf(String redacted) {
        String line = redacted.strip().lines().findFirst().orElse("").strip();
        if (line.isEmpty()) {
            return Optional.empty();
        }
        if (line.length() <= TITLE_CHARS) {
            return Optional.of(line);
        }
        String cut = line.substring(0, TITLE_CHARS - 1);
        int space = cut.lastIndexOf(' ');
        return Optional.of((space > TITLE_CHARS / 2 ? cut.substring(0, space) : cut).strip() + "…");
    }

    private void validate(List<NewMessage> messages) {
        if (messages == null || messages.isEmpty() || messages.size() > config.messages().maxPerTurn()) {
            throw invalid("messages", "must hold 1 to " + config.messages().maxPerTurn() + " messages");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            NewMessage m = messages.get(i);
            if (m == null || m.role() == null || !Message.ROLES.contains(m.role())) {
                errors.add(new Problem.FieldError("messages[" + i + "].role", "must be user, assistant, system or tool"));
                continue;
            }
            String at = "messages[" + i + "]";
            if (m.content() == null) {
                errors.add(new Problem.FieldError(at + ".content", "is required"));
            } else if (m.content().length() > config.messages().maxChars()) {
                throw new ProblemException(ProblemKind.PAYLOAD_TOO_LARGE, at + ".content is longer than "
                        + config.messages().maxChars() + " characters.");
            } else if (m.content().indexOf('\u0000') >= 0) {
                errors.add(new Problem.FieldError(at + ".content", "must not contain NUL characters"));
            }
            checkLabel(errors, at + ".model", m.model());
            checkLabel(errors, at + ".promptVersion", m.promptVersion());
            checkJson(at + ".sources", m.sources());
            checkJson(at + ".usage", m.usage());
            if (m.confidence() != null && !Message.CONFIDENCES.contains(m.confidence())) {
                errors.add(new Problem.FieldError(at + ".confidence", "must be high, medium or low"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemKind.VALIDATION,
                    errors.size() == 1 ? "1 field is invalid." : errors.size() + " fields are invalid.", errors);
        }
    }

    /** Model names and prompt versions: short printable labels. */
    private static void checkLabel(List<Problem.FieldError> errors, String field, String value) {
        if (value != null && (value.length() > LABEL_CHARS || value.chars().anyMatch(Character::isISOControl))) {
            errors.add(new Problem.FieldError(field, "must be at most " + LABEL_CHARS + " printable characters"));
        }
    }

    /** Sources and usage: bounded JSON, and no NUL, which PostgreSQL's jsonb refuses. */
    private static void checkJson(String field, JsonNode value) {
        if (value == null) {
            return;
        }
        String json = value.toString();
        if (json.length() > JSON_CHARS) {
            throw new ProblemException(ProblemKind.PAYLOAD_TOO_LARGE, field + " is larger than " + JSON_CHARS + " characters.");
        }
        if (json.contains("\\u0000")) {
            throw invalid(field, "must not contain NUL characters");
        }
    }

    private Uni<Void> audit(SqlConnection tx, Caller caller, String action, UUID id, AuditDetails details) {
        return outbox.add(tx, caller, action, "conversation", id.toString(), AuditEvent.Outcome.SUCCESS, details);
    }

    private int limit(Integer asked, int fallback) {
        int max = config.messages().maxLimit();
        if (asked != null && (asked < 1 || asked > max)) {
            throw invalid("limit", "must be between 1 and " + max);
        }
        return asked == null ? Math.min(fallback, max) : asked;
    }

    private Instant expiry(Instant now) {
        return now.plus(config.expiry().inactivity());
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    static ProblemException notFound() {
        return new ProblemException(ProblemKind.NOT_FOUND, NOT_FOUND);
    }

    static ProblemException invalid(String field, String message) {
        return new ProblemException(ProblemKind.VALIDATION, "1 field is invalid.", List.of(new Problem.FieldError(field, message)));
    }
}
