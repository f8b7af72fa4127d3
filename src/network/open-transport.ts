import { brokerUrlFor } from './broker-address';
import { createBroadcastChannelTransport } from './broadcast-channel-transport';
import { channelNameFor, type NetworkName, type PeerId } from './ids';
import type { Transport } from './transport';

export interface TransportChoice {
  readonly network: NetworkName;
  /** the node's peer id: its client id on a broker */
  readonly self: PeerId;
  /** `?broker=`, checked by isBrokerAddress; none: the tabs of this browser over BroadcastChannel */
  readonly broker: string | undefined;
  /** the page's address, against which a broker path is resolved */
  readonly pageHref: string;
  /** whether the node is online for the others (a tab); a network view only watches */
  readonly presence: boolean;
}

/**
 * The transport of a network: BroadcastChannel between the tabs of this browser, or an MQTT
 * broker when the page names one. The MQTT transport, and mqtt.js with it, is fetched only then.
 */
export async function openTransport({ network, self, broker, pageHref, presence }: TransportChoice): Promise<Transport> {
  if (broker === undefined) return createBroadcastChannelTransport(channelNameFor(network));
  const { createMqttTransport } = await import('./mqtt-transport');
  return createMqttTransport({ url: brokerUrlFor(broker, pageHref), network, self, presence });
}
