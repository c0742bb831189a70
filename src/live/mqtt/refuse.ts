import type { Client, PublishPacket } from 'aedes';
import mqttPacket from 'mqtt-packet';

/** Why a publish was refused; each is counted apart. */
export type RefusalReason = 'not-authorized' | 'topic' | 'invalid' | 'out-of-bounds' | 'unavailable';

/** MQTT 5 reason codes of a negative PUBACK / PUBREC (OASIS MQTT 5.0, 3.4.2.1). */
const REASON_CODE: Record<RefusalReason, number> = {
  'not-authorized': 0x87,
  topic: 0x87,
  invalid: 0x99,
  'out-of-bounds': 0x99,
  unavailable: 0x80,
};

/** Where a refused publish is redirected: no subscriber, no retained message. */
export const SINK_TOPIC = '$thorbecke/ingested';

/** Makes a publish harmless before aedes forwards it: a topic no one may subscribe to, no payload, never retained. */
export function silence(packet: PublishPacket): void {
  packet.topic = SINK_TOPIC;
  packet.payload = Buffer.alloc(0);
  packet.retain = false;
}

/**
 * Answers a refused publish as the client's MQTT version allows, through aedes'
 * authorizePublish callback:
 * - 5.0: a negative acknowledgement with the reason code (0x87 not authorised, 0x99
 *   payload format invalid, 0x80 unspecified error); the connection stays. aedes itself
 *   sends 0x87; other codes are written here and the packet goes on as QoS 0 to no one,
 *   so aedes adds no acknowledgement of its own.
 * - 3.1.1 has no negative PUBACK: a refused QoS 1/2 publish closes the connection without
 *   one (the device learns nothing was stored), a refused QoS 0 publish is dropped.
 */
export function refusePublish(client: Client, packet: PublishPacket, reason: RefusalReason, callback: (error?: Error | null) => void): void {
  const code = REASON_CODE[reason];
  if (client.version === 5) {
    if (code === 0x87) return callback(new Error('not authorized'));
    if (packet.qos > 0) {
      const ack: mqttPacket.IPubackPacket | mqttPacket.IPubrecPacket = packet.qos === 1 ? { cmd: 'puback', messageId: packet.messageId, reasonCode: code } : { cmd: 'pubrec', messageId: packet.messageId, reasonCode: code };
      mqttPacket.writeToStream(ack, client.conn, { protocolVersion: 5 });
    }
    silence(packet);
    (packet as { qos: number }).qos = 0;
    return callback(null);
  }
  if (packet.qos > 0) return callback(new Error(reason));
  silence(packet);
  callback(null);
}
