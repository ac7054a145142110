package dev.parley.conversation.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.conversation.domain.Conversation;
import dev.parley.conversation.domain.Message;
import dev.parley.conversation.domain.Reminder;
import dev.parley.conversation.repository.PageContextRepository.StoredPageContext;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the API shows of conversations, messages, page contexts and reminders. */
final class Views {

    private Views() {}

    record ConversationView(UUID conversationId, String workspaceId, String mode, String pageKey, String resourceType,
            String resourceId, String title, String caseId, long messageCount, Instant createdAt, Instant updatedAt,
            Instant expiresAt) {
        static ConversationView of(Conversation c) {
            return new ConversationView(c.id(), c.workspaceId(), c.mode().wire(), c.pageKey(), c.resourceType(),
                    c.resourceId(), c.title(), c.caseId(), c.lastSeq(), c.createdAt(), c.updatedAt(), c.expiresAt());
        }
    }

    record MessageView(long seq, String role, String content, JsonNode sources, String model, String promptVersion,
            String confidence, JsonNode usage, Instant createdAt) {
        static List<MessageView> of(List<Message> messages) {
            return messages.stream().map(m -> new MessageView(m.seq(), m.role(), m.content(), m.sources(), m.model(),
                    m.promptVersion(), m.confidence(), m.usage(), m.createdAt())).toList();
        }
    }

    record PageContextView(String resourceType, String resourceId, String contextHash, String summary, JsonNode facts,
            String contextVersion, Instant updatedAt) {
        static PageContextView of(StoredPageContext c) {
            return c == null ? null : new PageContextView(c.resourceType(), c.resourceId(), c.contextHash(), c.summary(),
                    c.facts(), c.contextVersion(), c.updatedAt());
        }
    }

    record ReminderView(UUID reminderId, UUID conversationId, Instant dueAt, String text, String status, Instant createdAt) {
        static ReminderView of(Reminder r) {
            return new ReminderView(r.id(), r.conversationId(), r.dueAt(), r.text(), r.status(), r.createdAt());
        }
    }
}
