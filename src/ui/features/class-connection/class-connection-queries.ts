import { useNodeStatusPart } from '../../shared/node-queries';

/** The node's link to the class broker (null over BroadcastChannel): re-renders only when it changes. */
export const useNodeLink = () => useNodeStatusPart(({ link }) => link);

/** Whether the node hashes with SubtleCrypto (false on plain http from another computer). */
export const useNodeSubtleCrypto = () => useNodeStatusPart(({ subtleCrypto }) => subtleCrypto);
