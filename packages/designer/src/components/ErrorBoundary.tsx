import { Component, type ReactNode } from 'react';
import { Alert } from 'antd';

/**
 * One screen's rendering error stays in that screen: the shell and navigation keep working, and the error is
 * shown where the screen was (and logged, so a browser test sees it).
 */
export class ErrorBoundary extends Component<
  { children: ReactNode; resetKey: string },
  { error: Error | null; key: string }
> {
  state = { error: null as Error | null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: { resetKey: string }, state: { error: Error | null; key: string }) {
    // moving to another screen clears the error
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  componentDidCatch(error: Error) {
    console.error(error);
  }

  render() {
    if (this.state.error)
      return <Alert type="error" showIcon role="alert" title={this.state.error.message} data-testid="screen-error" />;
    return this.props.children;
  }
}
