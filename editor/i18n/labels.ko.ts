import type { labelsEn } from './labels.en.ts';

/** Korean names of controls that only assistive technology reads (spread into ko.ts), and key names. */
export const labelsKo: Record<keyof typeof labelsEn, string> = {
  'flow.nodeHelp': '카드를 선택하려면 Enter나 Space를 누르세요. Delete로 삭제하고 Escape로 취소합니다.',
  'flow.nodeHelpKeys':
    '카드를 선택하려면 Enter나 Space를 누르세요. 그다음 화살표 키로 옮깁니다. Delete로 삭제하고 Escape로 취소합니다.',
  'flow.nodeMoved': '선택한 카드를 {direction} 옮겼습니다. 새 위치 x {x}, y {y}.',
  'flow.up': '위로',
  'flow.down': '아래로',
  'flow.left': '왼쪽으로',
  'flow.right': '오른쪽으로',
  'flow.edgeHelp': '연결선을 선택하려면 Enter나 Space를 누르세요. 그다음 Delete로 삭제하거나 Escape로 취소합니다.',
  'flow.controls': '확대/축소',
  'flow.zoomIn': '확대',
  'flow.zoomOut': '축소',
  'flow.fitView': '화면에 맞추기',
  'flow.interactive': '캔버스 잠금 전환',
  'flow.minimap': '미니맵: 클릭하면 화면이 이동합니다',
  'flow.handle': '포트',
  'list.actions': '작업',
  'versions.colleague': '동료',
  'condition.operator': '비교 방식',
  'shortcuts.keys.multi': 'Shift / Ctrl + 클릭',
  'shortcuts.keys.box': 'Shift + 드래그',
};
