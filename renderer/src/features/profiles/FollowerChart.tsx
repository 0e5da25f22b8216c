import { useMantineColorScheme } from '@mantine/core';
import type { EnforcementEntry } from '@shared/api/profiles';
import { CartesianGrid, Line, LineChart, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** Measures that stop an account's normal life for a while: shaded on the follower chart. */
export const WINDOW_ACTIONS: Readonly<Record<string, string>> = {
  ban: '#fa5252',
  suspend_update: '#fd7e14',
  freeze_followers: '#7950f2',
  close: '#868e96',
};

const DAY = 86_400_000;
/** Dates and times of the package are China Standard Time; the chart counts whole days there. */
const dayOf = (value: string) => Date.parse(`${value.slice(0, 10)}T00:00:00+08:00`);
const dateLabel = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);

export interface ShadedWindow {
  actionId: string;
  action: string;
  label: string;
  x1: number;
  x2: number;
}

/** Enforcement windows clipped to the series: open-ended measures run to its last day. */
export function shadedWindows(enforcement: EnforcementEntry[], first: number, last: number): ShadedWindow[] {
  return enforcement.flatMap((e) => {
    if (!(e.action in WINDOW_ACTIONS)) return [];
    const start = Math.max(dayOf(e.startAt), first);
    const end = Math.min(e.endAt ? dayOf(e.endAt) : last, last);
    if (end < start) return [];
    return [{ actionId: e.actionId, action: e.action, label: e.actionLabel, x1: start, x2: Math.max(end, start + DAY / 2) }];
  });
}

export function FollowerChart({ series, enforcement, language, valueLabel }: {
  series: { date: string; followers: number }[];
  enforcement: EnforcementEntry[];
  language: string;
  valueLabel: string;
}) {
  const { colorScheme } = useMantineColorScheme();
  const data = series.map((p) => ({ t: dayOf(p.date), followers: p.followers }));
  const first = data[0]?.t ?? 0;
  const last = data.at(-1)?.t ?? 0;
  const windows = shadedWindows(enforcement, first, last);
  const grid = colorScheme === 'dark' ? '#373a40' : '#dee2e6';
  return (
    <div data-testid="follower-chart" data-windows={windows.map((w) => w.action).join(',')} style={{ width: '100%', height: 260 }}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid stroke={grid} strokeDasharray="3 3" />
          <XAxis dataKey="t" type="number" scale="time" domain={[first, last]} tickFormatter={(t: number) => dateLabel(t).slice(5)} fontSize={12} />
          <YAxis fontSize={12} width={64} domain={['auto', 'auto']} allowDecimals={false} tickFormatter={(v: number) => v.toLocaleString(language)} />
          {windows.map((w) => (
            <ReferenceArea key={w.actionId} x1={w.x1} x2={w.x2} fill={WINDOW_ACTIONS[w.action]} fillOpacity={0.15} ifOverflow="hidden" label={{ value: w.label, position: 'insideTop', fontSize: 11 }} />
          ))}
          <Tooltip labelFormatter={(t) => dateLabel(Number(t))} formatter={(v) => [Number(v).toLocaleString(language), valueLabel]} />
          <Line type="monotone" dataKey="followers" stroke="#228be6" dot={false} strokeWidth={2} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
