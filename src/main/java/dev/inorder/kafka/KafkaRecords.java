package dev.inorder.kafka;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.inorder.AcceptedEvent;
import dev.inorder.Chunk;
import dev.inorder.GameEvent;
import io.smallrye.reactive.messaging.MessageConverter;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;

/**
 * How an accepted event travels as a Kafka record, both ways. The key is the match ({@code MatchGuid}; offline matches:
 * the sender), so one match's events share a partition and keep their order. The value is the envelope as sent, plus
 * the sender and the acceptance time. On the way in, this converter turns a polled batch into the consumer's {@link Chunk},
 * each event stamped with its partition ({@code <topic>-<partition>}) and offset there.
 */
@ApplicationScoped
public class KafkaRecords implements MessageConverter {

    private static final Logger LOG = Logger.getLogger(KafkaRecords.class);

    static final String SOURCE = "source";
    static final String ACCEPTED_AT = "acceptedAt";

    @Inject
    ObjectMapper mapper;

    /** The record key: events of one match go to one partition. */
    public static String key(String source, GameEvent event) {
        String guid = event.matchGuid();
        return guid != null ? guid : "offline/" + source;
    }

    /** The record value: {@code {"source", "acceptedAt", "Event", "Data", "Seq"?}}. */
    public String value(String source, long acceptedAtMillis, GameEvent event) {
        ObjectNode value = mapper.createObjectNode();
        value.put(SOURCE, source);
        value.put(ACCEPTED_AT, acceptedAtMillis);
        value.put("Event", event.event());
        value.set("Data", event.data());
        if (event.seq() != null) {
            value.put("Seq", event.seq());
        }
        return value.toString();
    }

    AcceptedEvent accepted(ConsumerRecord<?, ?> record) throws JsonProcessingException {
        ObjectNode value = (ObjectNode) mapper.readTree(String.valueOf(record.value()));
        Long seq = value.hasNonNull("Seq") ? value.get("Seq").asLong() : null;
        var event = new GameEvent(value.get("Event").asText(), (ObjectNode) value.get("Data"), seq);
        return new AcceptedEvent(record.topic() + "-" + record.partition(), record.offset(), value.get(SOURCE).asText(),
                value.get(ACCEPTED_AT).asLong(), event);
    }

    @Override
    public boolean canConvert(Message<?> in, Type target) {
        return target == Chunk.class && in.getMetadata(IncomingKafkaRecordBatchMetadata.class).isPresent();
    }

    @Override
    public Message<?> convert(Message<?> in, Type target) {
        IncomingKafkaRecordBatchMetadata<?, ?> batch = in.getMetadata(IncomingKafkaRecordBatchMetadata.class).orElseThrow();
        List<AcceptedEvent> chunk = new ArrayList<>(batch.count());
        for (ConsumerRecord<?, ?> record : batch.getRecords()) {
            try {
                chunk.add(accepted(record));
            } catch (JsonProcessingException | RuntimeException e) {
                // Not written by InOrder: nothing to apply. Skipping it keeps the partition moving.
                LOG.errorf("Skipping the record at %s-%d offset %d: not an InOrder event (%s)", record.topic(),
                        record.partition(), record.offset(), e.getMessage());
            }
        }
        return in.withPayload(new Chunk(chunk));
    }
}
