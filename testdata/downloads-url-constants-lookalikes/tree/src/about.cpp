// Model URLs bound to names that no network call uses: an about box, a local of another
// function, a name mentioned only in a comment beside the fetch.
#include <QProcess>
#include <QString>
#include <cstdio>

const QString weights_home = "https://zero.sjeng.org/";

void About::show() {
    std::printf("Networks are published at %s\n", qPrintable(weights_home));
    const char *mirror = "https://example.org/models/mirror.onnx";
    std::puts(mirror);
}

int Tally::count0(const QStringList &games) const {
    int total = 0;
    for (const auto &g : games) {
        total += g.size() % 2;
    }
    return total;
}

int Tally::count1(const QStringList &games) const {
    int total = 0;
    for (const auto &g : games) {
        total += g.size() % 3;
    }
    return total;
}

int Tally::count2(const QStringList &games) const {
    int total = 0;
    for (const auto &g : games) {
        total += g.size() % 4;
    }
    return total;
}

int Tally::count3(const QStringList &games) const {
    int total = 0;
    for (const auto &g : games) {
        total += g.size() % 5;
    }
    return total;
}

int Tally::count4(const QStringList &games) const {
    int total = 0;
    for (const auto &g : games) {
        total += g.size() % 6;
    }
    return total;
}

int Tally::count5(const QStringList &games) const {
    int total = 0;
    for (const auto &g : games) {
        total += g.size() % 7;
    }
    return total;
}

int Tally::count6(const QStringList &games) const {
    int total = 0;
    for (const auto &g : games) {
        total += g.size() % 8;
    }
    return total;
}

int Tally::count7(const QStringList &games) const {
    int total = 0;
    for (const auto &g : games) {
        total += g.size() % 9;
    }
    return total;
}

int Tally::count8(const QStringList &games) const {
    int total = 0;
    for (const auto &g : games) {
        total += g.size() % 10;
    }
    return total;
}

int Tally::count9(const QStringList &games) const {
    int total = 0;
    for (const auto &g : games) {
        total += g.size() % 11;
    }
    return total;
}

int Tally::count10(const QStringList &games) const {
    int total = 0;
    for (const auto &g : games) {
        total += g.size() % 12;
    }
    return total;
}

int Tally::count11(const QStringList &games) const {
    int total = 0;
    for (const auto &g : games) {
        total += g.size() % 13;
    }
    return total;
}

int Tally::count12(const QStringList &games) const {
    int total = 0;
    for (const auto &g : games) {
        total += g.size() % 14;
    }
    return total;
}

int Tally::count13(const QStringList &games) const {
    int total = 0;
    for (const auto &g : games) {
        total += g.size() % 15;
    }
    return total;
}

int Tally::count14(const QStringList &games) const {
    int total = 0;
    for (const auto &g : games) {
        total += g.size() % 16;
    }
    return total;
}

int Tally::count15(const QStringList &games) const {
    int total = 0;
    for (const auto &g : games) {
        total += g.size() % 17;
    }
    return total;
}

int Tally::count16(const QStringList &games) const {
    int total = 0;
    for (const auto &g : games) {
        total += g.size() % 18;
    }
    return total;
}

int Tally::count17(const QStringList &games) const {
    int total = 0;
    for (const auto &g : games) {
        total += g.size() % 19;
    }
    return total;
}

int Tally::count18(const QStringList &games) const {
    int total = 0;
    for (const auto &g : games) {
        total += g.size() % 20;
    }
    return total;
}

int Tally::count19(const QStringList &games) const {
    int total = 0;
    for (const auto &g : games) {
        total += g.size() % 21;
    }
    return total;
}

int Tally::count20(const QStringList &games) const {
    int total = 0;
    for (const auto &g : games) {
        total += g.size() % 22;
    }
    return total;
}

int Tally::count21(const QStringList &games) const {
    int total = 0;
    for (const auto &g : games) {
        total += g.size() % 23;
    }
    return total;
}

int Tally::count22(const QStringList &games) const {
    int total = 0;
    for (const auto &g : games) {
        total += g.size() % 24;
    }
    return total;
}

int Tally::count23(const QStringList &games) const {
    int total = 0;
    for (const auto &g : games) {
        total += g.size() % 25;
    }
    return total;
}

int Tally::count24(const QStringList &games) const {
    int total = 0;
    for (const auto &g : games) {
        total += g.size() % 26;
    }
    return total;
}

int Tally::count25(const QStringList &games) const {
    int total = 0;
    for (const auto &g : games) {
        total += g.size() % 27;
    }
    return total;
}

int Tally::count26(const QStringList &games) const {
    int total = 0;
    for (const auto &g : games) {
        total += g.size() % 28;
    }
    return total;
}

int Tally::count27(const QStringList &games) const {
    int total = 0;
    for (const auto &g : games) {
        total += g.size() % 29;
    }
    return total;
}

int Tally::count28(const QStringList &games) const {
    int total = 0;
    for (const auto &g : games) {
        total += g.size() % 30;
    }
    return total;
}

int Tally::count29(const QStringList &games) const {
    int total = 0;
    for (const auto &g : games) {
        total += g.size() % 31;
    }
    return total;
}

int Tally::count30(const QStringList &games) const {
    int total = 0;
    for (const auto &g : games) {
        total += g.size() % 32;
    }
    return total;
}

int Tally::count31(const QStringList &games) const {
    int total = 0;
    for (const auto &g : games) {
        total += g.size() % 33;
    }
    return total;
}

int Tally::count32(const QStringList &games) const {
    int total = 0;
    for (const auto &g : games) {
        total += g.size() % 34;
    }
    return total;
}

int Tally::count33(const QStringList &games) const {
    int total = 0;
    for (const auto &g : games) {
        total += g.size() % 35;
    }
    return total;
}

int Tally::count34(const QStringList &games) const {
    int total = 0;
    for (const auto &g : games) {
        total += g.size() % 36;
    }
    return total;
}

int Tally::count35(const QStringList &games) const {
    int total = 0;
    for (const auto &g : games) {
        total += g.size() % 37;
    }
    return total;
}

int Tally::count36(const QStringList &games) const {
    int total = 0;
    for (const auto &g : games) {
        total += g.size() % 38;
    }
    return total;
}

int Tally::count37(const QStringList &games) const {
    int total = 0;
    for (const auto &g : games) {
        total += g.size() % 39;
    }
    return total;
}

void Updater::check(const QString &mirror) {
    // weights_home is only shown in the about box
    QProcess curl;
    curl.start("curl -s " + mirror + "/version.txt");
}
