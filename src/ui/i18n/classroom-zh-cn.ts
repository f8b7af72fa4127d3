import type { ClassroomTranslation } from './translation';

/** 简体中文: the words about a class on a broker (see classroom-en.ts). */
export const classroomZhCN: ClassroomTranslation = {
  connecting: '正在连接课堂代理服务器（{{host}}）…',
  connected: '已连接到课堂代理服务器（{{host}}）',
  closed: '已断开与课堂代理服务器的连接（{{host}}）',
  unreachable: '无法连接代理服务器（{{host}}）',
  lost: '与代理服务器的连接已断开',
  refused: '代理服务器拒绝了连接：{{why}}',
  retryIn: '{{problem}}，{{seconds}} 秒后重试（第 {{attempt}} 次）。',
  retryNow: '{{problem}}，正在重试（第 {{attempt}} 次）。',
  keepsRunning: '本节点继续运行：它的链和交易都保留在这里，连接后会赶上课堂。',
  forged_other: '{{count}} 条伪造',
  dropped_other: '{{count}} 条丢弃',
  lost_other: '{{count}} 条丢失',
  forgedWhy: '伪造：一条消息声称来自另一个节点，而不是发送它的节点：已丢弃。',
  droppedWhy: '丢弃：收到的消息无法读取或超出限制（太大、太多，或者有一部分始终没有到齐）。',
  lostWhy: '丢失：本节点发送的消息没能发出（代理服务器不在时，等待发送的消息太多）。',
  join: {
    title: '加入这个课堂',
    hint: '学生在自己的电脑或手机上打开这个地址，或者扫描二维码。',
    link: '加入链接',
    copy: '复制链接',
    copied: '已复制。',
    copyByHand: '已选中：按 Ctrl+C（⌘C）复制。',
    qr: '加入链接的二维码',
    browserOnly: '这个网络上只有本浏览器的标签页（没有代理服务器）。如果要让整个教室的电脑加入，请用 npm start 启动应用，并打开它打印出的加入链接。',
  },
};
