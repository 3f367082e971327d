import { Badge, Button, Dropdown, Empty, List, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { notifications } from '../../api/workbench.ts';
import { formatDateTime } from '../../app/format.ts';
import { useLocale } from '../../app/locale.ts';

/** The unread count on a bell; the list opens below it and reading it marks everything read. */
export function NotificationBell() {
  const { t } = useTranslation();
  const lang = useLocale();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['notifications'], queryFn: notifications.list, refetchInterval: 60_000 });
  const read = useMutation({
    mutationFn: () => notifications.markRead((list.data?.items ?? []).filter((n) => !n.readAt).map((n) => n.id)),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const items = list.data?.items ?? [];
  return (
    <Dropdown
      trigger={['click']}
      onOpenChange={(o) => !o && (list.data?.unread ?? 0) > 0 && read.mutate()}
      popupRender={() => (
        <div className="notification-list" data-testid="notifications">
          {items.length === 0 ? (
            <Empty description={t('notes.empty')} />
          ) : (
            <List
              size="small"
              dataSource={items}
              renderItem={(n) => (
                <List.Item>
                  <List.Item.Meta
                    title={n.readAt ? n.titles[lang] : <Typography.Text strong>{n.titles[lang]}</Typography.Text>}
                    description={`${t(`notes.source.${n.source}`, { defaultValue: n.source })} · ${formatDateTime(n.createdAt, lang)}`}
                  />
                </List.Item>
              )}
            />
          )}
        </div>
      )}
    >
      <Button type="text" aria-label={t('notes.title', { count: list.data?.unread ?? 0 })} data-testid="bell">
        <Badge count={list.data?.unread ?? 0} size="small">
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Dropdown>
  );
}
