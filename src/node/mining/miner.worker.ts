/// <reference lib="webworker" />
// A miner thread: the node starts one per mining thread (see miner-pool).
import '../../core/zod-without-eval';
import { serveMinerThread } from './miner-thread';

serveMinerThread(self);
