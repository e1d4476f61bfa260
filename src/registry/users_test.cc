// Accounts and signing in on real registries, SQLite files and (but for the upgrade and the
// file's bytes) PostgreSQL databases: the upgrade of a version-12 file, adding,
// listing, disabling and re-enabling accounts, passwords kept only as Argon2id strings, the
// refusals, the count of failed sign-ins, and the registry's own keys.
#include "registry/users.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <memory>
#include <string>

#include "registry/dates.h"
#include "registry/gold_letters_for_test.h"
#include "registry/registry.h"
#include "registry/schema.h"
#include "registry/statement.h"
#include "registry/tokenizer.h"
#include "registry/units.h"
#include "support/registry_backends.h"
#include "support/testing.h"

namespace congvan::registry {
namespace {

namespace fs = std::filesystem;
using congvan::testing::TempDir;

constexpr char kPassword[] = "mật-khẩu-rất-dài-7Qx";

TimePoint At(const std::string& date, int minute = 0) {
  using namespace std::chrono;
  return TimePoint(sys_days(days(DaysFromIso(date)))) + hours(3) + minutes(minute);
}

std::unique_ptr<Registry> OpenOk(const std::string& location) {
  Result<std::unique_ptr<Registry>> reg = Registry::Open(location);
  EXPECT_TRUE(reg.ok()) << reg.status().ToString();
  return reg.ok() ? std::move(*reg) : nullptr;
}

std::unique_ptr<Registry> OpenOk(const fs::path& path) { return OpenOk(path.string()); }

class UsersBackendsTest : public congvan::testing::RegistryBackendTest {};

NewUser Account(const std::string& login, Role role, std::optional<std::int64_t> unit = {}) {
  NewUser u;
  u.login = login;
  u.display_name = "Nguyễn Thị Lan";
  u.role = role;
  u.unit_id = unit;
  u.password = kPassword;
  u.created_by = "root";
  return u;
}

TEST(UsersTest, AVersion12RegistryIsUpgradedWithNoAccounts) {
  TempDir tmp;
  const fs::path path = tmp / "old.db";
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                              nullptr),
              SQLITE_OK);
    std::unique_ptr<sqlite3, decltype(&sqlite3_close_v2)> db(raw, &sqlite3_close_v2);
    ASSERT_TRUE(RegisterSqlExtensions(db.get()).ok());
    ASSERT_TRUE(ApplyMigrations(db.get(), Migrations().first(12)).ok());
    ASSERT_EQ(*ReadSchemaVersion(db.get()), 12);
    ASSERT_TRUE(Exec(db.get(), "INSERT INTO units (name, name_key, kind, created_at) VALUES "
                               "('Phòng Nội vụ', 'phong noi vu', 'phong', 'x')")
                    .ok());
    EXPECT_FALSE(Exec(db.get(), "SELECT count(*) FROM users").ok());
  }
  std::unique_ptr<Registry> reg = OpenOk(path);
  ASSERT_NE(reg, nullptr);
  EXPECT_EQ(*ReadSchemaVersion(reg->connection()), LatestSchemaVersion());
  EXPECT_GE(LatestSchemaVersion(), 13);
  EXPECT_FALSE(*HasEnabledUsers(*reg));
  // The unit made before the upgrade can be an account's.
  Result<User> added = AddUser(*reg, Account("can.bo", Role::kCanBo, 1), At("2026-12-06"));
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(added->unit_name, "Phòng Nội vụ");
  EXPECT_TRUE(*HasEnabledUsers(*reg));
  // The schema itself refuses a role it does not know and a unit that does not exist.
  EXPECT_FALSE(Exec(reg->connection(), "INSERT INTO users (login, role, password_hash, created_at) "
                                       "VALUES ('x', 'admin', 'h', 'x')")
                   .ok());
  EXPECT_FALSE(Exec(reg->connection(), "INSERT INTO users (login, role, unit_id, password_hash, "
                                       "created_at) VALUES ('y', 'can_bo', 99, 'h', 'x')")
                   .ok());
}

TEST_P(UsersBackendsTest, AccountsAreAddedListedDisabledAndEnabled) {
  std::unique_ptr<Registry> reg = OpenOk(NewRegistryLocation());
  ASSERT_NE(reg, nullptr);
  Result<Unit> unit = AddUnit(*reg, "Phòng Tư pháp", At("2026-12-06"));
  ASSERT_TRUE(unit.ok());
  ASSERT_TRUE(AddUser(*reg, Account("quan.tri", Role::kQuanTri), At("2026-12-06")).ok());
  ASSERT_TRUE(AddUser(*reg, Account("tu-phap_1", Role::kCanBo, unit->id), At("2026-12-06")).ok());
  Result<std::vector<User>> users = ListUsers(*reg);
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ((*users)[0].login, "quan.tri");
  EXPECT_EQ((*users)[0].role, Role::kQuanTri);
  EXPECT_FALSE((*users)[0].unit_id.has_value());
  EXPECT_EQ((*users)[0].created_by, "root");
  EXPECT_EQ((*users)[0].created_at, "2026-12-06T03:00:00Z");
  EXPECT_EQ((*users)[1].login, "tu-phap_1");
  EXPECT_EQ((*users)[1].unit_name, "Phòng Tư pháp");
  EXPECT_EQ((*users)[1].display_name, "Nguyễn Thị Lan");

  ASSERT_TRUE(SetUserDisabled(*reg, "quan.tri", true).ok());
  EXPECT_TRUE(FindUser(*reg, "quan.tri")->disabled);
  EXPECT_TRUE(*HasEnabledUsers(*reg));  // tu-phap_1 still is
  ASSERT_TRUE(SetUserDisabled(*reg, "tu-phap_1", true).ok());
  EXPECT_FALSE(*HasEnabledUsers(*reg));
  ASSERT_TRUE(SetUserDisabled(*reg, "quan.tri", false).ok());
  EXPECT_TRUE(*HasEnabledUsers(*reg));
  EXPECT_EQ(SetUserDisabled(*reg, "khong.co", true).code(), Code::kNotFound);
  EXPECT_EQ(FindUser(*reg, "khong.co").status().message(), "Không có tài khoản «khong.co».");
}

TEST_P(UsersBackendsTest, BadAccountsAreRefusedAndNothingIsWritten) {
  std::unique_ptr<Registry> reg = OpenOk(NewRegistryLocation());
  ASSERT_NE(reg, nullptr);
  const TimePoint now = At("2026-12-06");
  ASSERT_TRUE(AddUser(*reg, Account("van.thu", Role::kVanThu), now).ok());

  Status dup = AddUser(*reg, Account("van.thu", Role::kLanhDao), now).status();
  EXPECT_EQ(dup.code(), Code::kAlreadyExists);
  EXPECT_EQ(dup.message(), "Đã có tài khoản «van.thu».");
  for (const char* login : {"", "a", "Van.Thu", "văn.thư", ".dot", "có space", "x;drop"}) {
    EXPECT_EQ(AddUser(*reg, Account(login, Role::kVanThu), now).status().code(),
              Code::kInvalidInput)
        << login;
  }
  EXPECT_EQ(AddUser(*reg, Account(std::string(65, 'a'), Role::kVanThu), now).status().code(),
            Code::kInvalidInput);
  Status no_unit = AddUser(*reg, Account("can.bo", Role::kCanBo), now).status();
  EXPECT_EQ(no_unit.code(), Code::kInvalidInput);
  EXPECT_NE(no_unit.message().find("đơn vị"), std::string::npos) << no_unit.message();
  EXPECT_EQ(AddUser(*reg, Account("can.bo", Role::kCanBo, 42), now).status().code(),
            Code::kNotFound);

  NewUser short_password = Account("lanh.dao", Role::kLanhDao);
  short_password.password = "ngắn-9chữ";  // 9 characters, more bytes
  Status too_short = AddUser(*reg, short_password, now).status();
  EXPECT_EQ(too_short.code(), Code::kInvalidInput);
  EXPECT_EQ(too_short.message(), "Mật khẩu phải có ít nhất 10 ký tự.");
  EXPECT_EQ(too_short.message().find("ngắn"), std::string::npos);  // never quoted
  short_password.password = "mười-ký-tự";  // exactly 10 characters
  EXPECT_TRUE(AddUser(*reg, short_password, now).ok());
  NewUser control = Account("ctrl", Role::kLanhDao);
  control.password = "abcdefghij\x01k";
  EXPECT_EQ(AddUser(*reg, control, now).status().code(), Code::kInvalidInput);
  NewUser huge = Account("huge", Role::kLanhDao);
  huge.password = std::string(kMaxPasswordBytes + 1, 'p');
  EXPECT_EQ(AddUser(*reg, huge, now).status().code(), Code::kInvalidInput);

  EXPECT_EQ(ListUsers(*reg)->size(), 2u);  // van.thu and lanh.dao only
  EXPECT_EQ(ParseRole("admin"), std::nullopt);
  EXPECT_EQ(ParseRole("lanh_dao"), Role::kLanhDao);
  EXPECT_EQ(RoleName(Role::kCanBo), "can_bo");
}

// The registry file, as bytes, never holds a password: only its Argon2id string.
TEST(UsersTest, PasswordsAreStoredOnlyAsArgon2idStrings) {
  TempDir tmp;
  const fs::path path = tmp / "r.db";
  {
    std::unique_ptr<Registry> reg = OpenOk(path);
    ASSERT_NE(reg, nullptr);
    ASSERT_TRUE(AddUser(*reg, Account("van.thu", Role::kVanThu), At("2026-12-06")).ok());
    Result<User> user = FindUser(*reg, "van.thu");
    ASSERT_TRUE(user.ok());
    EXPECT_EQ(user->password_hash.rfind("$argon2id$", 0), 0u) << user->password_hash;
    EXPECT_EQ(user->password_hash.find(kPassword), std::string::npos);
    ASSERT_TRUE(SetPassword(*reg, "van.thu", "một-mật-khẩu-khác-42").ok());
    EXPECT_NE(FindUser(*reg, "van.thu")->password_hash, user->password_hash);
    ASSERT_TRUE(Exec(reg->connection(), "PRAGMA wal_checkpoint(TRUNCATE)").ok());
  }
  std::string bytes = congvan::testing::ReadFile(path);
  for (const char* suffix : {"-wal", "-journal"}) {
    if (fs::exists(path.string() + suffix)) bytes += congvan::testing::ReadFile(path.string() + suffix);
  }
  EXPECT_NE(bytes.find("$argon2id$"), std::string::npos);
  EXPECT_EQ(bytes.find(kPassword), std::string::npos);
  EXPECT_EQ(bytes.find("một-mật-khẩu-khác-42"), std::string::npos);
}

TEST_P(UsersBackendsTest, SignInChecksThePasswordAndTheAccount) {
  std::unique_ptr<Registry> reg = OpenOk(NewRegistryLocation());
  ASSERT_NE(reg, nullptr);
  const TimePoint now = At("2026-12-06");
  ASSERT_TRUE(AddUser(*reg, Account("van.thu", Role::kVanThu), now).ok());

  Result<User> in = SignIn(*reg, "van.thu", kPassword, now);
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  EXPECT_EQ(in->login, "van.thu");
  EXPECT_EQ(in->role, Role::kVanThu);

  // An unknown login, a wrong password and a disabled account read alike.
  const std::string wrong = SignIn(*reg, "van.thu", "sai-mật-khẩu-000", now).status().message();
  EXPECT_EQ(wrong, "Tên đăng nhập hoặc mật khẩu không đúng.");
  EXPECT_EQ(SignIn(*reg, "khong.co", kPassword, now).status().message(), wrong);
  ASSERT_TRUE(SetUserDisabled(*reg, "van.thu", true).ok());
  EXPECT_EQ(SignIn(*reg, "van.thu", kPassword, now).status().message(), wrong);
  ASSERT_TRUE(SetUserDisabled(*reg, "van.thu", false).ok());
  EXPECT_TRUE(SignIn(*reg, "van.thu", kPassword, now).ok());
  // A changed password: the old one fails, the new one works.
  ASSERT_TRUE(SetPassword(*reg, "van.thu", "mật-khẩu-mới-123").ok());
  EXPECT_FALSE(SignIn(*reg, "van.thu", kPassword, now).ok());
  EXPECT_TRUE(SignIn(*reg, "van.thu", "mật-khẩu-mới-123", now).ok());
  EXPECT_EQ(SetPassword(*reg, "van.thu", "short").code(), Code::kInvalidInput);
  EXPECT_EQ(SetPassword(*reg, "khong.co", "mật-khẩu-mới-123").code(), Code::kNotFound);
}

// Ten failures within fifteen minutes refuse the account, even with the right password; failures
// older than the window no longer count; a login that is no account is never stored (it may be
// a password typed in the wrong field). The clock is passed in, so nothing here waits.
TEST_P(UsersBackendsTest, TenFailuresInFifteenMinutesRefuseTheLogin) {
  std::unique_ptr<Registry> reg = OpenOk(NewRegistryLocation());
  ASSERT_NE(reg, nullptr);
  const TimePoint start = At("2026-12-06");
  ASSERT_TRUE(AddUser(*reg, Account("van.thu", Role::kVanThu), start).ok());
  for (int i = 0; i < kMaxSignInFailures; ++i) {
    EXPECT_EQ(SignIn(*reg, "van.thu", "sai-mật-khẩu-000", start + std::chrono::minutes(i))
                  .status()
                  .message(),
              "Tên đăng nhập hoặc mật khẩu không đúng.");
    EXPECT_FALSE(SignIn(*reg, "khong.co", "sai-mật-khẩu-000", start + std::chrono::minutes(i)).ok());
  }
  const TimePoint later = start + std::chrono::minutes(10);
  Status locked = SignIn(*reg, "van.thu", kPassword, later).status();
  EXPECT_EQ(locked.code(), Code::kInvalidInput);
  EXPECT_NE(locked.message().find("tạm khóa"), std::string::npos) << locked.message();
  EXPECT_EQ(SignIn(*reg, "khong.co", kPassword, later).status().message(),
            "Tên đăng nhập hoặc mật khẩu không đúng.");
  EXPECT_EQ(*QueryInt64(reg->db(),
                        "SELECT count(*) FROM login_failures WHERE login = 'khong.co'"),
            0);
  // Another login is not touched.
  ASSERT_TRUE(AddUser(*reg, Account("lanh.dao", Role::kLanhDao), start).ok());
  EXPECT_TRUE(SignIn(*reg, "lanh.dao", kPassword, later).ok());
  // 15 minutes after the 1st failure only 9 are in the window: the right password works and
  // the failures are forgotten.
  Result<User> back = SignIn(*reg, "van.thu", kPassword, start + std::chrono::minutes(15));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*QueryInt64(reg->db(),
                        "SELECT count(*) FROM login_failures WHERE login = 'van.thu'"),
            0);
}

TEST_P(UsersBackendsTest, TheRegistryKeepsTheFirstKeyStored) {
  const std::string location = NewRegistryLocation();
  std::unique_ptr<Registry> a = OpenOk(location);
  std::unique_ptr<Registry> b = OpenOk(location);
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(*RegistryKey(*a, "session", "first", At("2026-12-06")), "first");
  EXPECT_EQ(*RegistryKey(*b, "session", "second", At("2026-12-06")), "first");
  EXPECT_EQ(*RegistryKey(*b, "other", "second", At("2026-12-06")), "second");
}

// On PostgreSQL too the password is nowhere in the rows: only its Argon2id string, and a failed
// sign-in stores the login and the time, never what was typed.
TEST_P(UsersBackendsTest, PostgresRowsHoldNoPassword) {
  if (!postgres()) GTEST_SKIP() << "the SQLite file's bytes are checked above";
  std::unique_ptr<Registry> reg = OpenOk(NewRegistryLocation());
  ASSERT_NE(reg, nullptr);
  const TimePoint now = At("2026-12-06");
  ASSERT_TRUE(AddUser(*reg, Account("van.thu", Role::kVanThu), now).ok());
  ASSERT_TRUE(SetPassword(*reg, "van.thu", "một-mật-khẩu-khác-42").ok());
  EXPECT_FALSE(SignIn(*reg, "van.thu", "sai-mật-khẩu-000", now).ok());
  Result<Statement> rows = Statement::Prepare(
      reg->db(), "SELECT (SELECT string_agg(u::text, ' ') FROM users u) || ' ' || "
                 "(SELECT string_agg(f::text, ' ') FROM login_failures f)");
  ASSERT_TRUE(rows.ok());
  ASSERT_TRUE(*rows->Step());
  const std::string text = rows->ColumnText(0);
  EXPECT_NE(text.find("$argon2id$"), std::string::npos) << text;
  EXPECT_NE(text.find("van.thu"), std::string::npos) << text;
  for (const char* secret : {kPassword, "một-mật-khẩu-khác-42", "sai-mật-khẩu-000"}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << secret;
  }
}

// What a unit's account may see: the tasks the unit (by its name or a confirmed alias) is to do,
// and the letters holding one.
TEST_P(UsersBackendsTest, AUnitSeesItsOwnTasksAndLettersOnly) {
  std::unique_ptr<Registry> reg = OpenOk(NewRegistryLocation());
  ASSERT_NE(reg, nullptr);
  const std::vector<DocumentRecord> gold = testdata::GoldRecords();
  std::int64_t noi_vu_task = 0, other_task = 0, noi_vu_letter = 0, other_letter = 0;
  for (const DocumentRecord& d : gold) {
    Result<AddOutcome> added = reg->Add(d);
    ASSERT_TRUE(added.ok());
    const DocumentRecord stored = **reg->Find(added->id);
    bool has = false;
    for (const TaskRecord& t : stored.tasks) {
      const bool ours = t.assignee == "Phòng Nội vụ";
      has |= ours;
      if (ours && noi_vu_task == 0) noi_vu_task = t.id;
      if (!ours && other_task == 0 && t.assignee_key.find("noi vu") == std::string::npos) {
        other_task = t.id;
      }
    }
    if (has && noi_vu_letter == 0) noi_vu_letter = added->id;
    if (!has && other_letter == 0) other_letter = added->id;
  }
  ASSERT_NE(noi_vu_task, 0);
  ASSERT_NE(other_task, 0);
  ASSERT_NE(noi_vu_letter, 0);
  ASSERT_NE(other_letter, 0);
  Result<Unit> unit = AddUnit(*reg, "Phòng Nội vụ", At("2026-12-06"));
  ASSERT_TRUE(unit.ok());
  EXPECT_TRUE(*TaskOfUnit(*reg, noi_vu_task, unit->id));
  EXPECT_FALSE(*TaskOfUnit(*reg, other_task, unit->id));
  EXPECT_TRUE(*LetterHasTaskOfUnit(*reg, noi_vu_letter, unit->id));
  EXPECT_FALSE(*LetterHasTaskOfUnit(*reg, other_letter, unit->id));
  EXPECT_FALSE(*TaskOfUnit(*reg, 999999, unit->id));
}

CONGVAN_ON_BOTH_BACKENDS(UsersBackendsTest);

}  // namespace
}  // namespace congvan::registry
