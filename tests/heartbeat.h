#pragma once

// The UI thread's heartbeat for GUI tests: a 10 ms timer whose longest silence is the worst
// freeze while a job runs.

#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>

namespace slim::test {

class Heartbeat {
public:
    Heartbeat()
    {
        m_timer.setInterval(10);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            const qint64 now = m_clock.elapsed();
            m_longestGap = std::max(m_longestGap, now - m_lastTick);
            m_lastTick = now;
        });
    }
    void start()
    {
        m_clock.start();
        m_lastTick = 0;
        m_longestGap = 0;
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    qint64 longestGap() const { return m_longestGap; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastTick = 0;
    qint64 m_longestGap = 0;
};

} // namespace slim::test
