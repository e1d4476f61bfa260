// End-to-end tests of `congvan user` with the built binary on a real registry: accounts added
// with the password on standard input, listed, disabled, enabled, given a new password, and the
// refusals — unknown role, unknown unit, duplicate login, short password, unknown account, a
// cán bộ without a unit — as one Vietnamese line with exit status 1 and nothing written.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "support/testing.h"

namespace congvan {
namespace {

using testing::CommandResult;
using testing::RunCommand;
using testing::TempDir;

constexpr char kPassword[] = "mật-khẩu-thử-2026";

std::string Quote(const std::string& s) { return testing::ShellQuote(s); }

class UserCliTest : public ::testing::Test {
 protected:
  void SetUp() override { db_ = (tmp_ / "registry.db").string(); }
  // printf STDIN | congvan ARGS --db DB
  CommandResult Run(const std::string& args, const std::string& stdin_text = "") {
    return RunCommand("printf '%s' " + Quote(stdin_text) + " | env USER=quan-tri " +
                      Quote(testing::CongvanBinary().string()) + " " + args + " --db " +
                      Quote(db_));
  }
  // The one line a refusal prints, and that it changed nothing.
  void ExpectRefused(const CommandResult& r, const std::string& message) {
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_EQ(r.err, "congvan: " + message + "\n");
    EXPECT_EQ(r.out, "");
  }
  nlohmann::json Users() {
    const CommandResult r = Run("user list --json");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  }

  TempDir tmp_;
  std::string db_;
};

TEST_F(UserCliTest, AccountsAreAddedListedDisabledAndGivenANewPassword) {
  ASSERT_EQ(Run("units add 'Phòng Nội vụ' 'Phòng Tư pháp'").exit_code, 0);
  CommandResult r = Run("user add admin --role quan_tri --name 'Trần Văn An'",
                        std::string(kPassword) + "\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "user admin: quản trị\n");
  r = Run("user add chi.lan --role can_bo --unit 'phong noi vu'", std::string(kPassword) + "\r\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "user chi.lan: cán bộ đơn vị  đơn vị: Phòng Nội vụ\n");
  r = Run("user add anh.minh --role lanh_dao --unit 2", kPassword);  // no line end: one line
  ASSERT_EQ(r.exit_code, 0) << r.err;

  nlohmann::json users = Users();
  ASSERT_EQ(users.size(), 3u);
  EXPECT_EQ(users[0]["login"], "admin");
  EXPECT_EQ(users[0]["name"], "Trần Văn An");
  EXPECT_EQ(users[0]["role"], "quan_tri");
  EXPECT_EQ(users[0]["created_by"], "quan-tri");
  EXPECT_EQ(users[1]["login"], "anh.minh");
  EXPECT_EQ(users[1]["unit"], "Phòng Tư pháp");
  EXPECT_EQ(users[2]["unit"], "Phòng Nội vụ");
  EXPECT_EQ(users[2]["disabled"], false);

  r = Run("user disable chi.lan");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Users()[2]["disabled"], true);
  r = Run("user list");
  EXPECT_NE(r.out.find("chi.lan"), std::string::npos);
  EXPECT_NE(r.out.find("(đã khóa)"), std::string::npos);
  ASSERT_EQ(Run("user enable chi.lan").exit_code, 0);
  EXPECT_EQ(Users()[2]["disabled"], false);

  const std::string before = testing::ReadFile(db_);
  r = Run("user passwd chi.lan", "một-mật-khẩu-mới-99\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "user chi.lan: đã đổi mật khẩu\n");
  // The command line never held the password; the registry holds only Argon2id strings.
  const CommandResult sql = RunCommand("sqlite3 " + Quote(db_) +
                                       " \"SELECT count(*) FROM users WHERE password_hash LIKE "
                                       "'\\$argon2id\\$%' ESCAPE '\\'\"");
  EXPECT_EQ(sql.out, "3\n") << sql.err;
  for (const std::string& side : {std::string(".db"), std::string(".db-wal")}) {
    const std::filesystem::path file = tmp_ / ("registry" + side);
    if (!std::filesystem::exists(file)) continue;
    const std::string bytes = testing::ReadFile(file);
    EXPECT_EQ(bytes.find(kPassword), std::string::npos) << side;
    EXPECT_EQ(bytes.find("một-mật-khẩu-mới-99"), std::string::npos) << side;
  }
}

TEST_F(UserCliTest, BadInputIsOneVietnameseLineAndWritesNothing) {
  ASSERT_EQ(Run("units add 'Phòng Nội vụ'").exit_code, 0);
  ASSERT_EQ(Run("user add van.thu --role van_thu", std::string(kPassword) + "\n").exit_code, 0);

  ExpectRefused(Run("user add x.y --role admin", std::string(kPassword) + "\n"),
                "Không có vai trò «admin»; dùng quan_tri, van_thu, lanh_dao hoặc can_bo.");
  ExpectRefused(Run("user add x.y --role can_bo --unit 'Phòng Văn hóa'", std::string(kPassword) + "\n"),
                "Không có đơn vị «Phòng Văn hóa» trong danh mục; gần nhất: «Phòng Nội vụ».");
  ExpectRefused(Run("user add x.y --role can_bo --unit 'Phòng Nộ vụ'", std::string(kPassword) + "\n"),
                "Không có đơn vị «Phòng Nộ vụ» trong danh mục; có phải «Phòng Nội vụ»?");
  ExpectRefused(Run("user add x.y --role can_bo", std::string(kPassword) + "\n"),
                "Tài khoản cán bộ đơn vị cần một đơn vị (--unit).");
  ExpectRefused(Run("user add van.thu --role lanh_dao", std::string(kPassword) + "\n"),
                "Đã có tài khoản «van.thu».");
  ExpectRefused(Run("user add x.y --role lanh_dao", "ngắn-quá\n"),
                "Mật khẩu phải có ít nhất 10 ký tự.");
  ExpectRefused(Run("user add x.y --role lanh_dao", ""),
                "Thiếu mật khẩu: hãy đưa mật khẩu vào đầu vào chuẩn, một dòng.");
  ExpectRefused(Run("user add 'Chi Lan' --role lanh_dao", std::string(kPassword) + "\n"),
                "Tên đăng nhập phải dài 2 đến 64 ký tự, chỉ gồm chữ thường không dấu, chữ số, "
                "'.', '-', '_' và bắt đầu bằng chữ hoặc số.");
  ExpectRefused(Run("user passwd khong.co", std::string(kPassword) + "\n"),
                "Không có tài khoản «khong.co».");
  ExpectRefused(Run("user passwd van.thu", "short\n"), "Mật khẩu phải có ít nhất 10 ký tự.");
  ExpectRefused(Run("user disable khong.co"), "Không có tài khoản «khong.co».");
  ExpectRefused(Run("user enable khong.co"), "Không có tài khoản «khong.co».");
  EXPECT_EQ(Users().size(), 1u);
  // A password on the command line is no option at all.
  const CommandResult argv = Run("user add x.y --role lanh_dao --password secret-secret");
  EXPECT_NE(argv.exit_code, 0);
  EXPECT_EQ(Users().size(), 1u);
}

}  // namespace
}  // namespace congvan
