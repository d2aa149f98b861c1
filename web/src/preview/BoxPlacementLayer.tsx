import { useEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type PointerEvent } from 'react';
import { boxFromDrag, moveBox, pointsToPixels, resizeBox, type PageSize, type PointRect } from './box-geometry';
import type { BoxColour, PlacedBox } from './placed-boxes';

/** What the layer needs to know of a box's participant: their colour and name. */
export interface BoxOwner {
  colour: BoxColour;
  name: string;
}

/** A drag under way: drawing a new box, or moving or resizing one; points from the page's top-left. */
type Gesture =
  | { kind: 'draw'; start: { x: number; y: number }; end: { x: number; y: number } }
  | { kind: 'move' | 'resize'; key: string; start: { x: number; y: number }; original: PointRect; current: PointRect };

/** Arrow keys move a box by a point, by ten with Shift; with Alt they resize it instead. */
const ARROWS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

/**
 * The boxes of one page drawn over it, each in its participant's colour. With `placeFor` set, a drag
 * on the page draws a box for that participant and a click drops one of the default size; a box is
 * dragged to move it and by its corner handle to resize it. Every box is focusable: arrow keys move
 * it (Alt+arrows resize), Delete or Backspace removes it. Geometry is box-geometry.ts's, in points,
 * so the layer only turns pointer positions into points.
 */
export function BoxPlacementLayer({
  boxes,
  owners,
  size,
  scale,
  editable,
  placeFor,
  selected,
  describe,
  onSelect,
  onAdd,
  onChange,
  onRemove,
}: {
  /** The boxes on this page. */
  boxes: readonly PlacedBox[];
  owners: (participantId: string) => BoxOwner;
  size: PageSize;
  scale: number;
  editable: boolean;
  /** The participant a new box is for; null: drawing is off (the page scrolls under a finger). */
  placeFor: string | null;
  selected: string | null;
  describe: (box: PlacedBox) => string;
  onSelect: (key: string | null) => void;
  onAdd: (rect: PointRect) => void;
  onChange: (key: string, rect: PointRect) => void;
  onRemove: (key: string) => void;
}) {
  const [gesture, setGesture] = useState<Gesture | null>(null);
  const layer = useRef<HTMLDivElement>(null);
  const placing = editable && placeFor !== null;
  const keys = boxes.map((box) => box.key).join(' ');

  // The selected box takes the focus (one just added, or shown from the list), so that the keys act on it.
  useEffect(() => {
    const element = selected ? layer.current?.querySelector<HTMLElement>(`[data-box="${CSS.escape(selected)}"]`) : null;
    if (element && element !== document.activeElement) element.focus();
  }, [selected, keys]);

  /** The pointer's position on the page, in points. */
  const pointOf = (event: PointerEvent<HTMLElement>, layer: HTMLElement) => {
    const bounds = layer.getBoundingClientRect();
    return { x: (event.clientX - bounds.left) / scale, y: (event.clientY - bounds.top) / scale };
  };
  const layerOf = (event: PointerEvent<HTMLElement>) => event.currentTarget.closest<HTMLElement>('.box-layer')!;

  const startDrawing = (event: PointerEvent<HTMLDivElement>) => {
    if (!placing || event.button !== 0 || event.target !== event.currentTarget) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    const point = pointOf(event, event.currentTarget);
    onSelect(null);
    setGesture({ kind: 'draw', start: point, end: point });
  };

  const startBoxGesture = (event: PointerEvent<HTMLElement>, box: PlacedBox, kind: 'move' | 'resize') => {
    onSelect(box.key);
    if (!editable || event.button !== 0) return;
    event.preventDefault();
    event.stopPropagation();
    const layer = layerOf(event);
    layer.setPointerCapture(event.pointerId);
    const rect = { left: box.left, top: box.top, width: box.width, height: box.height };
    setGesture({ kind, key: box.key, start: pointOf(event, layer), original: rect, current: rect });
    // Focus follows the pointer, so that the keys act on the box just touched.
    (event.currentTarget.closest<HTMLElement>('.placed-box') ?? event.currentTarget).focus();
  };

  const follow = (event: PointerEvent<HTMLDivElement>) => {
    if (!gesture) return;
    const point = pointOf(event, event.currentTarget);
    if (gesture.kind === 'draw') {
      setGesture({ ...gesture, end: point });
      return;
    }
    const dx = point.x - gesture.start.x;
    const dy = point.y - gesture.start.y;
    const current = gesture.kind === 'move' ? moveBox(gesture.original, dx, dy, size) : resizeBox(gesture.original, dx, dy, size);
    setGesture({ ...gesture, current });
  };

  const finish = (event: PointerEvent<HTMLDivElement>) => {
    if (!gesture) return;
    setGesture(null);
    if (gesture.kind === 'draw') onAdd(boxFromDrag(gesture.start, pointOf(event, event.currentTarget), size));
    else if (JSON.stringify(gesture.current) !== JSON.stringify(gesture.original)) onChange(gesture.key, gesture.current);
  };

  const onKey = (event: KeyboardEvent<HTMLElement>, box: PlacedBox) => {
    if (!editable) return;
    if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      onRemove(box.key);
      return;
    }
    const arrow = ARROWS[event.key];
    if (!arrow) return;
    event.preventDefault();
    const step = event.shiftKey ? 10 : 1;
    const [dx, dy] = [arrow[0] * step, arrow[1] * step];
    onChange(box.key, event.altKey ? resizeBox(box, dx, dy, size) : moveBox(box, dx, dy, size));
  };

  const draft = gesture?.kind === 'draw' && placeFor ? boxFromDragPreview(gesture.start, gesture.end) : null;

  return (
    <div
      ref={layer}
      className="box-layer"
      data-placing={placing || undefined}
      onPointerDown={startDrawing}
      onPointerMove={follow}
      onPointerUp={finish}
      onPointerCancel={() => setGesture(null)}
    >
      {boxes.map((box) => {
        const rect = gesture && gesture.kind !== 'draw' && gesture.key === box.key ? gesture.current : box;
        const pixels = pointsToPixels(rect, scale);
        const owner = owners(box.participantId);
        const style = { ...toStyle(pixels), ...colourStyle(owner.colour) };
        return (
          <div
            key={box.key}
            className="placed-box"
            style={style}
            tabIndex={0}
            role="button"
            aria-label={describe({ ...box, ...rect })}
            aria-pressed={box.key === selected}
            aria-keyshortcuts={editable ? 'ArrowLeft ArrowRight ArrowUp ArrowDown Alt+ArrowLeft Alt+ArrowRight Alt+ArrowUp Alt+ArrowDown Delete' : undefined}
            data-selected={box.key === selected || undefined}
            data-editable={editable || undefined}
            data-box={box.key}
            onPointerDown={(event) => startBoxGesture(event, box, 'move')}
            onFocus={() => onSelect(box.key)}
            onKeyDown={(event) => onKey(event, box)}
          >
            <span aria-hidden="true">{owner.name}</span>
            {editable && <span className="placed-box-resize" aria-hidden="true" onPointerDown={(event) => startBoxGesture(event, box, 'resize')} />}
          </div>
        );
      })}
      {draft && placeFor && (
        <div
          className="box-draft"
          style={{ ...toStyle(pointsToPixels(draft, scale)), ...colourStyle(owners(placeFor).colour) }}
        />
      )}
    </div>
  );
}

/** The rectangle a drag in progress spans, unclamped: what the finished drag becomes is boxFromDrag's. */
function boxFromDragPreview(start: { x: number; y: number }, end: { x: number; y: number }): PointRect {
  return { left: Math.min(start.x, end.x), top: Math.min(start.y, end.y), width: Math.abs(end.x - start.x), height: Math.abs(end.y - start.y) };
}

function toStyle(pixels: { x: number; y: number; width: number; height: number }): CSSProperties {
  return { left: pixels.x, top: pixels.y, width: pixels.width, height: pixels.height };
}

/** The participant's colour as the CSS variable the preview's styles draw with. */
export function colourStyle(colour: BoxColour): CSSProperties {
  return { '--box-colour': `var(--mantine-color-${colour}-7)` } as CSSProperties;
}
